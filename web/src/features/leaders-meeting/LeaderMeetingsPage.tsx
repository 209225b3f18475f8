import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { referenceApi } from '../../api/endpoints';
import type { Staff } from '../../api/types';
import { useResource } from '../../api/useResource';
import { CheckboxField } from '../../components/form/CheckboxField';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { TransitionAlertsSection } from '../transition/TransitionAlertsSection';
import { leaderMeetingApi, type SeriesKind } from './api';

function SeriesForm({ staff, onDone }: { staff: Staff[]; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [kind, setKind] = useState<SeriesKind | ''>('');
  const [title, setTitle] = useState('');
  const [firstOn, setFirstOn] = useState('');
  const [members, setMembers] = useState<Record<string, boolean>>({});
  const labels = { kind: t('leadingPractice.meetings.kind'), title: t('leadingPractice.meetings.seriesTitle'), firstOn: t('leadingPractice.meetings.firstOn'), memberUserIds: t('leadingPractice.meetings.members') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await leaderMeetingApi.createSeries({ kind: kind as SeriesKind, title, firstOn, memberUserIds: Object.keys(members).filter((k) => members[k]) });
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="kind" label={labels.kind} value={kind} onChange={(v) => setKind(v as SeriesKind | '')} error={form.fieldError('kind')}
        options={(['coordination_group', 'stop_op'] as const).map((k) => ({ value: k, label: t(`leadingPractice.meetings.kinds.${k}`) }))} />
      <TextField name="seriesTitle" label={labels.title} value={title} onChange={setTitle} error={form.fieldError('title')} />
      <TextField name="firstOn" label={labels.firstOn} type="date" className="input-width-s" value={firstOn} onChange={setFirstOn} error={form.fieldError('firstOn')} />
      <fieldset>
        <legend className="h5">{labels.memberUserIds}</legend>
        {form.fieldError('memberUserIds') && <span className="form-error-message">{form.fieldError('memberUserIds')}</span>}
        {staff.map((s) => <CheckboxField key={s.id} name={`member-${s.id}`} label={s.name} checked={members[s.id] === true} onChange={(v) => setMembers({ ...members, [s.id]: v })} />)}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('leadingPractice.meetings.create')}</button>
    </form>
  );
}

/** The coordination group (EFEI, monthly) and stop-op meetings (SOF, every 3 months): issue 9 item 5. */
export function LeaderMeetingsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('leadingPractice.meetings.title'));
  const list = useResource(() => Promise.all([leaderMeetingApi.series(), referenceApi.staff()]), 'leader-meetings');
  const date = (value: string | null) => formatDate(value, i18n.language) ?? t('app.dash');
  const data = list.data;
  return (
    <>
      <h1>{t('leadingPractice.meetings.title')}</h1>
      <p className="font-lead">{t('leadingPractice.meetings.intro')}</p>
      <TransitionAlertsSection />
      {list.loading && !data && <Loading />}
      {list.error && <LoadError error={list.error} />}
      {data && (
        <>
          {data[0].series.length === 0 && <p>{t('leadingPractice.meetings.none')}</p>}
          {data[0].series.map((s) => (
            <section key={s.id} aria-labelledby={`series-${s.id}`} className="mb-7">
              <h2 id={`series-${s.id}`}>{s.title} <span className="weight-normal">· {t(`leadingPractice.meetings.kinds.${s.kind}`)}</span></h2>
              <p>{t('leadingPractice.meetings.every', { count: s.intervalMonths })}</p>
              <ul>
                {s.meetings.map((meeting) => (
                  <li key={meeting.id}>
                    <Link to={`/leader-meetings/${meeting.id}`}>{date(meeting.scheduledOn)}</Link> — {t(`leadingPractice.meetings.status.${meeting.status}`)}
                  </li>
                ))}
              </ul>
              {s.abilities.canManage && (
                <button type="button" className="button button-secondary" onClick={() => void leaderMeetingApi.scheduleNext(s.id).then(list.reload)}>
                  {t('leadingPractice.meetings.scheduleNext')}<span className="sr-only">{`: ${s.title}`}</span>
                </button>
              )}
            </section>
          ))}
          {data[0].abilities.canCreate && (
            <section aria-labelledby="new-series">
              <h2 id="new-series">{t('leadingPractice.meetings.newSeries')}</h2>
              <SeriesForm staff={data[1].filter((s) => !s.roles.includes('external_partner'))} onDone={list.reload} />
            </section>
          )}
        </>
      )}
    </>
  );
}
