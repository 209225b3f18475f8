import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull } from '../../lib/format';
import { leaderMeetingApi, type LeaderMeeting } from './api';

function DecisionForm({ meeting, onDone }: { meeting: LeaderMeeting; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [text, setText] = useState('');
  const [responsibleUserId, setResponsible] = useState('');
  const [dueOn, setDueOn] = useState('');
  const labels = { text: t('leadingPractice.meeting.decisionText'), responsibleUserId: t('leadingPractice.meeting.responsible'), dueOn: t('leadingPractice.meeting.dueOn') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await leaderMeetingApi.addDecision(meeting.id, { text, responsibleUserId, dueOn: orNull(dueOn) });
      setText('');
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <TextAreaField name="decisionText" label={labels.text} rows={2} value={text} onChange={setText} error={form.fieldError('text')} />
      <SelectField name="responsibleUserId" label={labels.responsibleUserId} value={responsibleUserId} onChange={setResponsible}
        options={meeting.members.map((p) => ({ value: p.userId, label: p.name }))} error={form.fieldError('responsibleUserId')} />
      <TextField name="decisionDueOn" label={labels.dueOn} optional type="date" className="input-width-s" value={dueOn} onChange={setDueOn} error={form.fieldError('dueOn')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('leadingPractice.meeting.addDecision')}</button>
    </form>
  );
}

function HoldForm({ meeting, onDone }: { meeting: LeaderMeeting; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [minutes, setMinutes] = useState('');
  const labels = { minutes: t('leadingPractice.meeting.minutes'), scheduledOn: t('leadingPractice.meeting.date') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await leaderMeetingApi.hold(meeting.id, { minutes, version: meeting.version });
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onDone} />
      <TextAreaField name="minutes" label={labels.minutes} hint={t('leadingPractice.meeting.minutesHint')} rows={6} value={minutes} onChange={setMinutes} error={form.fieldError('minutes')} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('leadingPractice.meeting.hold')}</button>
    </form>
  );
}

/** One leaders' meeting: the agenda prefilled from data (aggregates and case numbers), the decision log, the minutes. */
export function LeaderMeetingPage() {
  const { t, i18n } = useTranslation();
  const { meetingId = '' } = useParams();
  const resource = useResource(() => leaderMeetingApi.meeting(meetingId), meetingId);
  const meeting = resource.data;
  const date = (value: string | null) => formatDate(value, i18n.language) ?? t('app.dash');
  const title = meeting ? `${meeting.series.title} ${date(meeting.scheduledOn)}` : t('leadingPractice.meetings.title');
  usePageTitle(title);
  return (
    <>
      <p><Link to="/leader-meetings">{t('leadingPractice.meetings.title')}</Link></p>
      <h1>{title}</h1>
      {resource.loading && !meeting && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {meeting && (
        <>
          {meeting.status === 'held' && <Alert variant="success">{t('leadingPractice.meeting.held', { date: date(meeting.heldOn) })}</Alert>}
          <section aria-labelledby="agenda">
            <h2 id="agenda">{t('leadingPractice.meeting.agenda')}</h2>
            <p>{meeting.status === 'held' ? t('leadingPractice.meeting.agendaHeld') : t('leadingPractice.meeting.agendaLive')}</p>
            <ol>
              {meeting.agenda.map((item) => (
                <li key={item.source} className="mb-4">
                  <strong>{t(`leadingPractice.meeting.sources.${item.source}`)}</strong>: {item.count}
                  {item.people && item.people.length > 0 && (
                    <ul>{item.people.map((p) => <li key={p.name}>{p.name}: {p.count}</li>)}</ul>
                  )}
                  {item.cases.length > 0 && (
                    <p className="mt-2">
                      {item.cases.map((c, i) => (
                        <span key={`${c.caseNumber}-${i}`}>{i > 0 && ', '}{c.caseId ? <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link> : c.caseNumber}</span>
                      ))}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="decisions">
            <h2 id="decisions">{t('leadingPractice.meeting.decisions')}</h2>
            {meeting.decisions.length === 0 && <p>{t('leadingPractice.meeting.noDecisions')}</p>}
            <ul>
              {meeting.decisions.map((d) => <li key={d.id}>{d.text} — {d.responsible.name}{d.dueOn ? `, ${date(d.dueOn)}` : ''}</li>)}
            </ul>
            {meeting.abilities.canRecord && <DecisionForm meeting={meeting} onDone={resource.reload} />}
          </section>
          <section aria-labelledby="minutes">
            <h2 id="minutes">{t('leadingPractice.meeting.minutes')}</h2>
            {meeting.minutes ? <p className="pre-wrap">{meeting.minutes}</p> : <p>{t('leadingPractice.meeting.noMinutes')}</p>}
            {meeting.abilities.canHold && <HoldForm meeting={meeting} onDone={resource.reload} />}
          </section>
        </>
      )}
    </>
  );
}
