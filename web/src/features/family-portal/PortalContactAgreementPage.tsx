import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { familyPortalApi, type ContactAgreement } from './api';
import { PortalShell, SubmitError } from './PortalShell';
import { useSubmit } from './useSubmit';

const channels = ['phone', 'sms', 'email', 'message', 'video', 'physical_meeting', 'home_visit'] as const;

/** The family's own contact agreement: how and how often they want contact (000:423-445; issue 5 item 3). */
export function PortalContactAgreementPage() {
  const { t } = useTranslation();
  return <PortalShell title={t('familyPortal.contact.title')}><Agreement /></PortalShell>;
}

function Agreement() {
  const agreement = useResource(() => familyPortalApi.contactAgreement(), 'portal-contact');
  if (agreement.error) return <LoadError error={agreement.error} />;
  if (!agreement.data) return <Loading />;
  return <AgreementForm key={agreement.data.current?.revision ?? 0} current={agreement.data.current} onSaved={agreement.setData} />;
}

function AgreementForm({ current, onSaved }: { current: ContactAgreement | null; onSaved: (d: { familyId: string; current: ContactAgreement | null }) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(current?.channels ?? []);
  const [everyDays, setEveryDays] = useState(String(current?.everyDays ?? 14));
  const [goodTimes, setGoodTimes] = useState(current?.goodTimes ?? '');
  const [prefersSpace, setPrefersSpace] = useState(current?.prefersSpace ?? false);
  const [max, setMax] = useState(current?.maxContactsPer30Days ? String(current.maxContactsPer30Days) : '');
  const [note, setNote] = useState(current?.note ?? '');
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  return (
    <form noValidate onSubmit={(event) => {
      event.preventDefault();
      setSaved(false);
      void submit.run(async () => {
        onSaved(await familyPortalApi.reviseContactAgreement({
          channels: chosen, everyDays: Number(everyDays), goodTimes, prefersSpace, maxContactsPer30Days: prefersSpace && max ? Number(max) : null, note,
          revision: current?.revision ?? 0,
        }));
        setSaved(true);
      });
    }}>
      <p>{t('familyPortal.contact.intro')}</p>
      {current?.recordedBy && <p className="form-hint">{t('familyPortal.contact.lastBy', { name: current.recordedBy })}</p>}
      <SubmitError error={submit.error} />
      {saved && <Alert variant="success" live>{t('familyPortal.contact.saved')}</Alert>}
      <fieldset className="form-group">
        <legend className="form-label">{t('familyPortal.contact.channels')}</legend>
        <ul className="nobullet-list">
          {channels.map((c) => (
            <li key={c} className="form-checkbox">
              <input type="checkbox" id={`channel-${c}`} className="form-checkbox" checked={chosen.includes(c)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c))} />
              <label htmlFor={`channel-${c}`}>{t(`contact.channel.${c}`, { defaultValue: c })}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextField name="everyDays" type="number" inputMode="numeric" label={t('familyPortal.contact.everyDays')} value={everyDays} onChange={setEveryDays} />
      <TextField name="goodTimes" optional label={t('familyPortal.contact.goodTimes')} value={goodTimes} onChange={setGoodTimes} />
      <div className="form-group form-checkbox">
        <input type="checkbox" id="prefersSpace" className="form-checkbox" checked={prefersSpace} onChange={(e) => setPrefersSpace(e.target.checked)} />
        <label htmlFor="prefersSpace">{t('familyPortal.contact.prefersSpace')}</label>
      </div>
      {prefersSpace && <TextField name="maxContactsPer30Days" type="number" inputMode="numeric" label={t('familyPortal.contact.max')} value={max} onChange={setMax} />}
      <TextAreaField name="note" optional label={t('familyPortal.contact.note')} value={note} onChange={setNote} rows={3} />
      <button type="submit" className="button button-primary" disabled={submit.submitting}>{t('familyPortal.contact.save')}</button>
    </form>
  );
}
