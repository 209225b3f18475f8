import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { FormErrors } from '../../components/form/FormErrors';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull } from '../../lib/format';
import { coreDecisionApi, type Proposal } from './api';
import { ProposalStatus } from './ProposalStatus';

/** Referred proposals as a list: paragraph, case, why referred, expected by (issue 8 item 3). */
export function ProposalQueue({ proposals, empty }: { proposals: Proposal[]; empty: string }) {
  const { t } = useTranslation();
  if (proposals.length === 0) return <p>{empty}</p>;
  return (
    <ul className="nobullet-list">
      {proposals.map((p) => (
        <li key={p.id} className="mb-4">
          <Link to={`/proposals/${p.id}`}>{p.legalBasisLabel} · {t('coreDecision.case')} {p.caseNumber} ({p.childFirstName})</Link>
          <br /><ProposalStatus proposal={p} />
        </li>
      ))}
    </ul>
  );
}

function MeetingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [meetsOn, setMeetsOn] = useState('');
  const [location, setLocation] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await coreDecisionApi.planMeeting({ meetsOn, location: orNull(location) });
      setMeetsOn('');
      onDone();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="plan-meeting">
      <h2 id="plan-meeting" className="h3">{t('coreDecision.planMeeting')}</h2>
      <FormErrors form={form} labels={{ meetsOn: t('coreDecision.meetingDate'), location: t('coreDecision.location') }} />
      <TextField name="meetsOn" label={t('coreDecision.meetingDate')} type="date" className="input-width-s" value={meetsOn} onChange={setMeetsOn} error={form.fieldError('meetsOn')} />
      <TextField name="location" label={t('coreDecision.location')} optional value={location} onChange={setLocation} error={form.fieldError('location')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('coreDecision.planMeeting')}</button>
    </form>
  );
}

/** The visitation committee's queue and meetings, for department heads and team leaders (issue 8 item 3). */
export function CommitteePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('coreDecision.committeeTitle'));
  const resource = useResource(() => coreDecisionApi.queue(), 'committee-queue');
  const data = resource.data;
  return (
    <>
      <h1>{t('coreDecision.committeeTitle')}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <h2 className="h3">{t('coreDecision.queue')}</h2>
          <ProposalQueue proposals={data.proposals} empty={t('coreDecision.queueEmpty')} />
          <h2 className="h3">{t('coreDecision.meetings')}</h2>
          {data.meetings.length === 0 ? <p>{t('coreDecision.noMeetings')}</p> : (
            <ul>
              {data.meetings.map((m) => (
                <li key={m.id}>
                  <Link to={`/committee/meetings/${m.id}`}>{formatDate(m.meetsOn, i18n.language)}</Link>
                  {m.location ? ` · ${m.location}` : ''} · {t('coreDecision.agendaCount', { count: m.agendaCount })}
                </li>
              ))}
            </ul>
          )}
          <MeetingForm onDone={resource.reload} />
        </>
      )}
    </>
  );
}
