import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { FormErrors } from '../../components/form/FormErrors';
import { TextAreaField } from '../../components/form/TextAreaField';
import { useApiForm } from '../../components/form/useApiForm';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import type { MeetingType } from '../meeting/api';
import { partnerApi, type PartnerAgreement, type PartnerCase } from './api';
import { downloadUrl, formatSize } from '../document/api';

/**
 * One family as an external partner sees it (issue 5 item 4): only what they need — their goals and agreements
 * (whose status they update), meeting times, the minutes shared with partners, and their organisation's notes.
 */
export function PartnerCasePage() {
  const { caseId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const view = useResource(() => partnerApi.case(caseId), `partner-case-${caseId}`);
  const data = view.data;
  usePageTitle(data ? t('partner.caseTitle', { family: data.familyName }) : t('partner.title'));
  const [flash, setFlash] = useState<string | null>(null);

  if (view.loading && !data) return <Loading />;
  if (view.error || !data) {
    return (
      <>
        <h1>{t('partner.title')}</h1>
        {view.error?.status === 404 ? <Alert variant="info">{t('partner.noAccess')}</Alert> : view.error && <LoadError error={view.error} />}
        <p><Link to="/partner">{t('partner.back')}</Link></p>
      </>
    );
  }
  const date = (value: string) => formatDate(value, i18n.language);
  const replaceAgreement = (a: PartnerAgreement) => view.setData({ ...data, agreements: data.agreements.map((x) => (x.id === a.id ? a : x)) });

  return (
    <>
      <p><Link to="/partner">{t('partner.back')}</Link></p>
      <h1>{data.familyName}<span className="d-block h3 mt-2">{data.child.firstName} {data.child.lastName}</span></h1>
      <p>{t(`partner.reasons.${data.reason}`)}. {t('partner.consentSince', { date: date(data.consentGivenOn) })}</p>
      {flash && <Alert variant="success" live>{flash}</Alert>}

      <h2>{t('partner.goals')}</h2>
      {data.goals.length === 0 ? <p>{t('partner.noGoals')}</p> : (
        <ul>
          {data.goals.map((g) => (
            <li key={g.id}>
              <strong>{g.title}</strong> – {t(`plan.horizon.${g.horizon}`)}, {date(g.startsOn)}–{date(g.endsOn)}. {t('plan.statusLabel')}: {t(`plan.status.${g.status}`, { defaultValue: g.status })}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('partner.agreements')}</h2>
      {data.agreements.length === 0 ? <p>{t('partner.noAgreements')}</p> : (
        <div className="table--responsive-scroll" tabIndex={0}>
          <table className="table table--zebra">
            <caption className="sr-only">{t('partner.agreementsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meeting.agreementText')}</th>
                <th scope="col">{t('meeting.owner')}</th>
                <th scope="col">{t('meeting.dueOn')}</th>
                <th scope="col">{t('meeting.agreementStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {data.agreements.map((a) => (
                <AgreementRow key={a.id} agreement={a} onSaved={(saved) => { replaceAgreement(saved); setFlash(t('partner.statusSaved')); }} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t('partner.meetings')}</h2>
      {data.meetings.length === 0 ? <p>{t('partner.noMeetings')}</p> : (
        <ul className="nobullet-list">
          {data.meetings.map((m) => (
            <li key={m.id} className="mb-5">
              <h3 className="h4">{t(`meeting.types.${m.type as MeetingType}`)}: {formatDateTime(m.scheduledAt, i18n.language)}</h3>
              <p>{t('meeting.location')}: <OrDash value={m.location} />. {t('meeting.status')}: {t(`meeting.statuses.${m.status}`)}</p>
              {m.sharedMinutes && (<><h4 className="h5">{t('partner.sharedMinutes')}</h4><p style={{ whiteSpace: 'pre-wrap' }}>{m.sharedMinutes}</p></>)}
              {m.sharedDecisions.length > 0 && (
                <><h4 className="h5">{t('meeting.decisions')}</h4><ul>{m.sharedDecisions.map((d) => <li key={d.id}>{d.text}</li>)}</ul></>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('documents.partnerTitle')}</h2>
      {data.documents.length === 0 ? <p>{t('documents.noneShared')}</p> : (
        <ul>
          {data.documents.map((d) => (
            <li key={d.id}>
              <a href={downloadUrl.partner(d.id)} download={d.fileName}>{d.title}</a> ({d.fileName}, {formatSize(d.sizeBytes, i18n.language)}, {formatDate(d.uploadedAt.slice(0, 10), i18n.language)})
            </li>
          ))}
        </ul>
      )}

      <h2>{t('partner.notes')}</h2>
      <NoteForm caseId={caseId} onAdded={(note) => { view.setData({ ...data, notes: [note, ...data.notes] }); setFlash(t('partner.noteAdded')); }} />
      {data.notes.length === 0 ? <p>{t('partner.noNotes')}</p> : (
        <ul>
          {data.notes.map((n) => <li key={n.id}><p className="mb-2" style={{ whiteSpace: 'pre-wrap' }}>{n.text}</p><p className="small-text">{n.authorName}, {formatDateTime(n.createdAt, i18n.language)}</p></li>)}
        </ul>
      )}
    </>
  );
}

function AgreementRow({ agreement: a, onSaved }: { agreement: PartnerAgreement; onSaved: (a: PartnerAgreement) => void }) {
  const { t, i18n } = useTranslation();
  const form = useApiForm();
  const id = `agreement-status-${a.id}`;
  const change = (status: PartnerAgreement['status']) => void form.run(async () => onSaved(await partnerApi.updateAgreement(a.id, status, a.version)));
  return (
    <tr>
      <td>{a.text}</td>
      <td>{a.ownerName}</td>
      <td><OrDash value={formatDate(a.dueOn, i18n.language)} /></td>
      <td>
        <label className="sr-only" htmlFor={id}>{t('partner.statusFor', { text: a.text })}</label>
        <select id={id} className="form-select" value={a.status} disabled={form.submitting || !a.abilities.canUpdateStatus}
          onChange={(event) => change(event.target.value as PartnerAgreement['status'])}>
          {(['open', 'done', 'cancelled'] as const).map((s) => <option key={s} value={s}>{t(`meeting.agreementStatuses.${s}`)}</option>)}
        </select>
        {form.error && <span className="form-error-message" role="alert">{form.conflict ? t('partner.conflict') : form.error.message}</span>}
      </td>
    </tr>
  );
}

function NoteForm({ caseId, onAdded }: { caseId: string; onAdded: (note: PartnerCase['notes'][number]) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => { onAdded(await partnerApi.addNote(caseId, text)); setText(''); });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={{ text: t('partner.noteText') }} />
      <TextAreaField name="text" label={t('partner.noteText')} hint={t('partner.noteHint')} value={text} onChange={setText} error={form.fieldError('text')} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('partner.addNote')}</button>
    </form>
  );
}
