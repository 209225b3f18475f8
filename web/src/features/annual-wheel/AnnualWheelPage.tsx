import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, orNull } from '../../lib/format';
import { useLocalForm } from '../follow-up/form';
import { annualWheelApi, wheelKinds, type AnnualWheel, type WheelActivity } from '../worklist/api';
import { activityLabel, monthName } from './labels';
import { WheelSvg } from './WheelSvg';
import './annual-wheel.css';

/** A datetime-local value ("2027-05-04T10:00", the browser's time) as an instant the API accepts. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : '');

function ScheduleForm({ wheel, month, activity, onSaved }: { wheel: AnnualWheel; month: number; activity: WheelActivity; onSaved: (w: AnnualWheel) => void }) {
  const { t } = useTranslation();
  const form = useLocalForm(`schedule-${activity.key.replace(/[^a-zA-Z0-9-]/g, '-')}`);
  const [when, setWhen] = useState('');
  const label = t('annualWheel.scheduleAt', { activity: activityLabel(t, activity), month: monthName(t, month) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const scheduledAt = toInstant(when);
      const result = activity.id && activity.source === 'planned'
        ? await annualWheelApi.update(activity.id, { scheduledAt, version: activity.version ?? 1 })
        : await annualWheelApi.add(wheel.familyId, {
          year: wheel.year, month, kind: activity.kind,
          title: activity.source === 'generated' ? null : activity.title, caseId: activity.caseId, scheduledAt,
        });
      onSaved(result);
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="annual-wheel-schedule annual-wheel-no-print">
      <TextField name={form.name('scheduledAt')} label={label} type="datetime-local" className="input-width-m" value={when} onChange={setWhen}
        error={form.fieldError('scheduledAt') ?? (form.error && form.error.details.length === 0 ? form.summary({})[0]?.text : undefined)} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>
        {t('annualWheel.schedule')}<span className="sr-only">{`: ${label}`}</span>
      </button>
    </form>
  );
}

function AddActivityForm({ wheel, onSaved }: { wheel: AnnualWheel; onSaved: (w: AnnualWheel) => void }) {
  const { t } = useTranslation();
  const form = useLocalForm('add');
  const [month, setMonth] = useState('');
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [caseId, setCaseId] = useState('');
  const [saved, setSaved] = useState(false);
  const labels = { month: t('annualWheel.add.month'), kind: t('annualWheel.add.kind'), title: t('annualWheel.add.title'), caseId: t('annualWheel.add.child') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.run(async () => {
      const result = await annualWheelApi.add(wheel.familyId, {
        year: wheel.year, month: month === '' ? Number.NaN : Number(month), kind, title: orNull(title), caseId: caseId || null, scheduledAt: null,
      });
      setSaved(true);
      setTitle('');
      onSaved(result);
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-heading" className="annual-wheel-no-print">
      <h2 id="add-heading">{t('annualWheel.add.heading')}</h2>
      {saved && <Alert variant="success" live>{t('annualWheel.add.saved')}</Alert>}
      <FormErrors form={form} labels={labels} />
      <SelectField name={form.name('month')} label={labels.month} value={month} onChange={setMonth}
        options={wheel.months.map((m) => ({ value: String(m.month), label: monthName(t, m.month) }))} error={form.fieldError('month')} />
      <SelectField name={form.name('kind')} label={labels.kind} value={kind} onChange={setKind}
        options={wheelKinds.map((k) => ({ value: k, label: t(`annualWheel.kind.${k}`) }))} error={form.fieldError('kind')} />
      <TextField name={form.name('title')} label={labels.title} optional value={title} onChange={setTitle} error={form.fieldError('title')} />
      {wheel.cases.length > 0 && (
        <SelectField name={form.name('caseId')} label={labels.caseId} optional value={caseId} onChange={setCaseId}
          options={wheel.cases.map((c) => ({ value: c.caseId, label: c.childName }))} error={form.fieldError('caseId')} />
      )}
      <SubmitRow label={t('annualWheel.add.submit')} submitting={form.submitting} />
    </form>
  );
}

function MonthList({ wheel, onSaved }: { wheel: AnnualWheel; onSaved: (w: AnnualWheel) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {wheel.months.map(({ month, activities }) => (
        <section key={month} className="annual-wheel-month" aria-labelledby={`month-${month}`}>
          <h3 id={`month-${month}`}>{monthName(t, month)}</h3>
          {activities.length === 0 ? <p>{t('annualWheel.monthEmpty')}</p> : (
            <ul>
              {activities.map((activity) => (
                <li key={activity.key}>
                  <strong>{activityLabel(t, activity)}</strong>
                  {activity.childName && <> – {activity.childName}</>}
                  <span className="d-block small-text">
                    {activity.scheduledAt
                      ? t('annualWheel.scheduledFor', { when: formatDateTime(activity.scheduledAt, i18n.language) })
                      : t(activity.source === 'generated' ? 'annualWheel.generatedNote' : 'annualWheel.monthOnly')}
                  </span>
                  {wheel.abilities.canEdit && activity.source !== 'meeting' && !activity.scheduledAt && (
                    <ScheduleForm wheel={wheel} month={month} activity={activity} onSaved={onSaved} />
                  )}
                  {activity.source === 'meeting' && activity.id && (
                    <span className="d-block small-text annual-wheel-no-print"><Link to={`/meetings/${activity.id}`}>{t('annualWheel.openMeeting')}</Link></span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

/** A family's årshjul for a year (001:851-884): the wheel, a month-by-month text version, planning and scheduling. */
export function AnnualWheelPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const [params] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const requested = Number(params.get('year'));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : thisYear;
  const resource = useResource(() => annualWheelApi.get(familyId, year), `${familyId}-${year}`);
  const wheel = resource.data;
  const title = wheel ? t('annualWheel.title', { family: wheel.familyName, year }) : t('annualWheel.titleShort', { year });
  usePageTitle(title);
  const currentMonth = year === thisYear ? new Date().getMonth() + 1 : null;
  return (
    <>
      <Breadcrumbs items={[{ label: t('worklist.nav'), to: '/worklist' }, ...(wheel ? [{ label: wheel.familyName, to: `/families/${familyId}` }] : []), { label: t('annualWheel.titleShort', { year }) }]} />
      <h1>{title}</h1>
      <p className="font-lead">{t('annualWheel.intro')}</p>
      <p className="annual-wheel-no-print">
        <Link to={`/families/${familyId}/annual-wheel?year=${year - 1}`}>{t('annualWheel.previousYear', { year: year - 1 })}</Link>
        {' · '}
        <Link to={`/families/${familyId}/annual-wheel?year=${year + 1}`}>{t('annualWheel.nextYear', { year: year + 1 })}</Link>
        {' · '}
        <button type="button" className="button button-secondary" onClick={() => window.print()}>{t('annualWheel.print')}</button>
      </p>
      {resource.loading && !wheel && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {wheel && (
        <>
          <WheelSvg wheel={wheel} currentMonth={currentMonth} />
          <h2>{t('annualWheel.textVersion')}</h2>
          <MonthList wheel={wheel} onSaved={resource.setData} />
          {wheel.abilities.canEdit && <AddActivityForm wheel={wheel} onSaved={resource.setData} />}
        </>
      )}
    </>
  );
}
