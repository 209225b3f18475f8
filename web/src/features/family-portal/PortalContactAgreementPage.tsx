import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { localErrorText } from '../follow-up/form';
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
  // Kept here: the form is re-keyed by the saved revision, so its own state would lose the confirmation.
  const [saved, setSaved] = useState(false);
  if (agreement.error) return <LoadError error={agreement.error} />;
  if (!agreement.data) return <Loading />;
  return (
    <AgreementForm key={agreement.data.current?.revision ?? 0} current={agreement.data.current} saved={saved} setSaved={setSaved}
      onSaved={agreement.setData} />
  );
}

function AgreementForm({ current, saved, setSaved, onSaved }: {
  current: ContactAgreement | null; saved: boolean; setSaved: (saved: boolean) => void;
  onSaved: (d: { familyId: string; current: ContactAgreement | null }) => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(current?.channels ?? []);
  const [everyDays, setEveryDays] = useState(String(current?.everyDays ?? 14));
  const [goodTimes, setGoodTimes] = useState(current?.goodTimes ?? '');
  const [prefersSpace, setPrefersSpace] = useState(current?.prefersSpace ?? false);
  const [max, setMax] = useState(current?.maxContactsPer30Days ? String(current.maxContactsPer30Days) : '');
  const [note, setNote] = useState(current?.note ?? '');
  const submit = useSubmit();
  /** The server's problem with one field, in words at the field (the summary alone does not say which, WCAG 3.3.1). */
  const fieldError = (field: string) => {
    const detail = submit.error?.details.find((d) => d.field === field);
    return detail ? localErrorText(t, detail.code, detail.message) : undefined;
  };
  const channelsError = fieldError('channels');
  return (
    <form noValidate onSubmit={(event) => {
      event.preventDefault();
      setSaved(false);
      void submit.run(async () => {
        const revised = await familyPortalApi.reviseContactAgreement({
          channels: chosen, everyDays: Number(everyDays), goodTimes, prefersSpace, maxContactsPer30Days: prefersSpace && max ? Number(max) : null, note,
          revision: current?.revision ?? 0,
        });
        setSaved(true);
        onSaved(revised);
      });
    }}>
      <p>{t('familyPortal.contact.intro')}</p>
      {current?.recordedBy && <p className="form-hint">{t('familyPortal.contact.lastBy', { name: current.recordedBy })}</p>}
      <SubmitError error={submit.error} />
      {saved && <Alert variant="success" live>{t('familyPortal.contact.saved')}</Alert>}
      <fieldset className={`form-group${channelsError ? ' form-error' : ''}`} aria-describedby={channelsError ? 'channels-error' : undefined}>
        <legend className="form-label">{t('familyPortal.contact.channels')}</legend>
        {channelsError && <span className="form-error-message" id="channels-error">{channelsError}</span>}
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
      <TextField name="everyDays" type="number" inputMode="numeric" label={t('familyPortal.contact.everyDays')} value={everyDays} onChange={setEveryDays} error={fieldError('everyDays')} />
      <TextField name="goodTimes" optional label={t('familyPortal.contact.goodTimes')} value={goodTimes} onChange={setGoodTimes} />
      <div className="form-group form-checkbox">
        <input type="checkbox" id="prefersSpace" className="form-checkbox" checked={prefersSpace} onChange={(e) => setPrefersSpace(e.target.checked)} />
        <label htmlFor="prefersSpace">{t('familyPortal.contact.prefersSpace')}</label>
      </div>
      {prefersSpace && <TextField name="maxContactsPer30Days" type="number" inputMode="numeric" label={t('familyPortal.contact.max')} value={max} onChange={setMax} error={fieldError('maxContactsPer30Days')} />}
      <TextAreaField name="note" optional label={t('familyPortal.contact.note')} value={note} onChange={setNote} rows={3} />
      <button type="submit" className="button button-primary" disabled={submit.submitting}>{t('familyPortal.contact.save')}</button>
    </form>
  );
}
