import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { OrDash } from '../../components/Dash';
import { Flash } from '../../components/Flash';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime, orNull } from '../../lib/format';
import { useScopedForm } from '../flow/errors';
import { AgendaBoard } from './AgendaBoard';
import { meetingApi, type Meeting } from './api';
import { Agreements, Decisions, Minutes } from './MeetingRecord';
import { MeetingSharing } from './MeetingSharing';
import { MeetingStatusBadge } from './MeetingStatusBadge';
import { Participants } from './Participants';
import { useMeetingPeople } from './useMeetingPeople';
import { FamilyInputSection } from '../family-portal/FamilyInputSection';

export type OnMeeting = (meeting: Meeting, message: string) => void;

/** One meeting: facts, participants, the method template's board, minutes, decisions, agreements, and closing it. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const resource = useResource(() => meetingApi.get(meetingId), meetingId);
  const [message, setMessage] = useState<string | null>(null);
  const meeting = resource.data;
  const title = meeting ? meeting.title ?? t(`meeting.types.${meeting.type}`) : t('meeting.pageTitle');
  usePageTitle(title);
  const onChange: OnMeeting = (updated, text) => {
    resource.setData(updated);
    setMessage(text);
  };
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(meeting ? [{ label: t('meeting.backToCase'), to: `/cases/${meeting.caseId}` }] : []),
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <Flash />
      {message && <Alert variant="success" live>{message}</Alert>}
      {resource.loading && !meeting && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {meeting && <MeetingBody meeting={meeting} onChange={onChange} onReload={resource.reload} />}
    </>
  );
}

function MeetingBody({ meeting, onChange, onReload }: { meeting: Meeting; onChange: OnMeeting; onReload: () => void }) {
  const { t } = useTranslation();
  const people = useMeetingPeople(meeting.familyId);
  return (
    <>
      <MeetingFacts meeting={meeting} />
      {!meeting.familyMayAttend && <Alert variant="info">{t('meeting.withoutFamily')}</Alert>}
      <Participants meeting={meeting} people={people.data} onChange={onChange} />
      <AgendaBoard meeting={meeting} onChange={onChange} />
      <Minutes key={`minutes-${meeting.version}`} meeting={meeting} onChange={onChange} onReload={onReload} />
      <Decisions meeting={meeting} onChange={onChange} />
      <Agreements meeting={meeting} people={people.data} onChange={onChange} />
      <MeetingSharing key={`sharing-${meeting.version}`} meeting={meeting} onChange={onChange} onReload={onReload} />
      <FamilyInputSection meetingId={meeting.id} />
      {meeting.abilities.canClose && <CloseMeeting key={`close-${meeting.version}`} meeting={meeting} onChange={onChange} onReload={onReload} />}
    </>
  );
}

function MeetingFacts({ meeting }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  const rows: Array<[string, ReactNode]> = [
    [t('meeting.type'), t(`meeting.types.${meeting.type}`) + (meeting.childContact ? ` (${t(`meeting.childContacts.${meeting.childContact}`)})` : '')],
    [t('meeting.when'), formatDateTime(meeting.scheduledAt, i18n.language)],
    [t('meeting.location'), <OrDash key="l" value={meeting.location} />],
    [t('meeting.template'), t(`meeting.templates.${meeting.template}`)],
    [t('meeting.status'), <MeetingStatusBadge key="s" status={meeting.status} />],
  ];
  if (meeting.status === 'closed') {
    rows.push(meeting.nextMeetingOn
      ? [t('meeting.nextMeetingOn'), formatDate(meeting.nextMeetingOn, i18n.language)]
      : [t('meeting.noNextMeetingReason'), meeting.noNextMeetingReason ?? '']);
  }
  return (
    <section aria-labelledby="meeting-facts">
      <h2 id="meeting-facts">{t('meeting.facts')}</h2>
      <div className="table--responsive-scroll">
        <table className="table structured-list">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}><th scope="row">{label}</th><td>{value}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Closing needs the next meeting date or the reason there is none (000:677-680); the server enforces it. */
function CloseMeeting({ meeting, onChange, onReload }: { meeting: Meeting; onChange: OnMeeting; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useScopedForm('close');
  const cancel = useScopedForm('cancel');
  const [nextMeetingOn, setNextMeetingOn] = useState('');
  const [reason, setReason] = useState('');
  const labels = { nextMeetingOn: t('meeting.nextMeetingOn'), noNextMeetingReason: t('meeting.noNextMeetingReason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const next = orNull(nextMeetingOn);
      onChange(await meetingApi.close(meeting.id, { nextMeetingOn: next, noNextMeetingReason: next ? null : orNull(reason), version: meeting.version }), t('meeting.closed'));
    });
  };
  return (
    <section aria-labelledby="meeting-close">
      <h2 id="meeting-close">{t('meeting.closeHeading')}</h2>
      <p>{t('meeting.closeIntro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <FormErrors form={form} labels={labels} onReload={onReload} />
        <TextField name={form.name('nextMeetingOn')} label={labels.nextMeetingOn} type="date" optional value={nextMeetingOn} onChange={setNextMeetingOn} error={form.fieldError('nextMeetingOn')} />
        <TextAreaField
          name={form.name('noNextMeetingReason')} label={labels.noNextMeetingReason} hint={t('meeting.noNextMeetingHint')} optional
          value={reason} onChange={setReason} error={form.fieldError('noNextMeetingReason')}
        />
        <SubmitRow label={t('meeting.closeSubmit')} submitting={form.submitting} />
      </form>
      <FormErrors form={cancel} labels={{}} onReload={onReload} />
      <p>
        <button
          type="button" className="button button-tertiary" disabled={cancel.submitting}
          onClick={() => void cancel.run(async () => onChange(await meetingApi.cancel(meeting.id, meeting.version), t('meeting.cancelled')))}
        >
          {t('meeting.cancel')}
        </button>
      </p>
    </section>
  );
}
