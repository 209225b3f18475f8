import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';
import { labelFor } from '../../lib/labels';
import { flowErrorText, useScopedForm } from '../flow/errors';
import { meetingApi, type AgreementStatus, type Meeting } from './api';
import type { OnMeeting } from './MeetingPage';
import type { MeetingPeople } from './useMeetingPeople';

function useAction() {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };
  return { error, run };
}

/** The minutes (referat), written by the minute taker (000:586-589). */
export function Minutes({ meeting, onChange, onReload }: { meeting: Meeting; onChange: OnMeeting; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useScopedForm('minutes');
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const labels = { minutes: t('meeting.minutes') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => onChange(await meetingApi.update(meeting.id, { minutes, version: meeting.version }), t('meeting.minutesSaved')));
  };
  return (
    <section aria-labelledby="meeting-minutes">
      <h2 id="meeting-minutes">{t('meeting.minutes')}</h2>
      {meeting.abilities.canRecord ? (
        <form onSubmit={onSubmit} noValidate>
          <FormErrors form={form} labels={labels} onReload={onReload} />
          <TextAreaField name={form.name('minutes')} label={labels.minutes} optional rows={8} value={minutes} onChange={setMinutes} error={form.fieldError('minutes')} />
          <SubmitRow label={t('meeting.saveMinutes')} submitting={form.submitting} />
        </form>
      ) : <p className="pre-wrap"><OrDash value={meeting.minutes} /></p>}
    </section>
  );
}

export function Decisions({ meeting, onChange }: { meeting: Meeting; onChange: OnMeeting }) {
  const { t } = useTranslation();
  const form = useScopedForm('decision');
  const action = useAction();
  const [text, setText] = useState('');
  const labels = { text: t('meeting.newDecision') };
  const canRecord = meeting.abilities.canRecord === true;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      onChange(await meetingApi.addDecision(meeting.id, text), t('meeting.decisionAdded'));
      setText('');
    });
  };
  return (
    <section aria-labelledby="meeting-decisions">
      <h2 id="meeting-decisions">{t('meeting.decisions')}</h2>
      {action.error && <Alert variant="error" live>{flowErrorText(t, action.error.code, action.error.message)}</Alert>}
      {meeting.decisions.length === 0 ? <p>{t('meeting.noDecisions')}</p> : (
        <ul>
          {meeting.decisions.map((d) => (
            <li key={d.id}>
              {d.text}
              {canRecord && (
                <button type="button" className="function-link ml-3"
                  onClick={() => void action.run(async () => onChange(await meetingApi.deleteDecision(d.id), t('meeting.decisionRemoved')))}>
                  {t('meeting.remove')}<span className="sr-only"> – {d.text}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canRecord && (
        <form onSubmit={onSubmit} noValidate>
          <FormErrors form={form} labels={labels} />
          <TextAreaField name={form.name('text')} label={labels.text} rows={2} value={text} onChange={setText} error={form.fieldError('text')} />
          <SubmitRow label={t('meeting.addDecision')} submitting={form.submitting} />
        </form>
      )}
    </section>
  );
}

/** Agreements (aftaler) with an owner — a family member, the coordinator or a partner — a deadline and a status (001:395-400). */
export function Agreements({ meeting, people, onChange }: { meeting: Meeting; people: MeetingPeople | undefined; onChange: OnMeeting }) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const canUpdate = meeting.abilities.canUpdateAgreements === true;
  const setStatus = (agreementId: string, status: AgreementStatus, version: number) => action.run(async () => {
    const updated = await meetingApi.updateAgreement(agreementId, { status, version });
    onChange({ ...meeting, agreements: meeting.agreements.map((a) => (a.id === updated.id ? updated : a)) }, t('meeting.agreementUpdated'));
  });
  return (
    <section aria-labelledby="meeting-agreements">
      <h2 id="meeting-agreements">{t('meeting.agreements')}</h2>
      {action.error && <Alert variant="error" live>{flowErrorText(t, action.error.code, action.error.message)}</Alert>}
      {meeting.agreements.length === 0 ? <p>{t('meeting.noAgreements')}</p> : (
        <ResponsiveTable>
          <caption>{t('meeting.agreementsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meeting.agreementText')}</th>
              <th scope="col">{t('meeting.owner')}</th>
              <th scope="col">{t('meeting.dueOn')}</th>
              <th scope="col">{t('meeting.agreementStatus')}</th>
              {canUpdate && <th scope="col"><span className="sr-only">{t('family.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {meeting.agreements.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.text}</th>
                <td>{a.owner.name}<span className="d-block small-text">{t(`meeting.ownerKinds.${a.owner.kind}`)}</span></td>
                <td><OrDash value={formatDate(a.dueOn, i18n.language)} /></td>
                <td>{t(`meeting.agreementStatuses.${a.status}`)}</td>
                {canUpdate && (
                  <td>
                    {a.status === 'open' && (
                      <>
                        <button type="button" className="function-link" onClick={() => void setStatus(a.id, 'done', a.version)}>
                          {t('meeting.markDone')}<span className="sr-only"> – {a.text}</span>
                        </button>{' '}
                        <button type="button" className="function-link" onClick={() => void setStatus(a.id, 'cancelled', a.version)}>
                          {t('meeting.markCancelled')}<span className="sr-only"> – {a.text}</span>
                        </button>
                      </>
                    )}
                    {a.status !== 'open' && (
                      <button type="button" className="function-link" onClick={() => void setStatus(a.id, 'open', a.version)}>
                        {t('meeting.reopen')}<span className="sr-only"> – {a.text}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {meeting.abilities.canRecord && <AddAgreement meeting={meeting} people={people} onChange={onChange} />}
    </section>
  );
}

function AddAgreement({ meeting, people, onChange }: { meeting: Meeting; people: MeetingPeople | undefined; onChange: OnMeeting }) {
  const { t } = useTranslation();
  const form = useScopedForm('agreement');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const labels = { text: t('meeting.agreementText'), ownerUserId: t('meeting.owner'), ownerPersonId: t('meeting.owner'), dueOn: t('meeting.dueOn') };
  // One select for both kinds of owner: "person:<id>" for family members, "user:<id>" for staff and partners.
  const options = [
    ...(people?.members ?? []).map((m) => ({
      value: `person:${m.person.id}`, label: `${m.person.firstName} ${m.person.lastName} (${labelFor(t, 'relation', m.relation)})`,
    })),
    ...(people?.staff ?? []).map((s) => ({ value: `user:${s.id}`, label: s.name })),
  ];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, ownerId] = owner.split(':');
    void form.run(async () => {
      onChange(await meetingApi.addAgreement(meeting.id, {
        text, dueOn, ownerUserId: kind === 'user' ? ownerId ?? null : null, ownerPersonId: kind === 'person' ? ownerId ?? null : null,
      }), t('meeting.agreementAdded'));
      setText(''); setOwner(''); setDueOn('');
    });
  };
  const ownerError = form.fieldError('ownerUserId') ?? form.fieldError('ownerPersonId');
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-agreement-heading" className="mt-5">
      <h3 id="add-agreement-heading">{t('meeting.addAgreement')}</h3>
      <FormErrors form={{ ...form, summary: (l) => form.summary(l).map((i) => (i.href?.endsWith('ownerPersonId') ? { ...i, href: i.href.replace('ownerPersonId', 'ownerUserId') } : i)) }} labels={labels} />
      <TextAreaField name={form.name('text')} label={labels.text} rows={2} value={text} onChange={setText} error={form.fieldError('text')} />
      <SelectField name={form.name('ownerUserId')} label={labels.ownerUserId} hint={t('meeting.ownerHint')} value={owner} onChange={setOwner} options={options} error={ownerError} />
      <TextField name={form.name('dueOn')} label={labels.dueOn} type="date" value={dueOn} onChange={setDueOn} error={form.fieldError('dueOn')} />
      <SubmitRow label={t('meeting.addAgreementSubmit')} submitting={form.submitting} />
    </form>
  );
}
