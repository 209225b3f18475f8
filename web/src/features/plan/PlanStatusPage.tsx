import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/format';
import { goalStatuses, planApi, type GoalStatus, type Plan } from './api';
import { PlanErrors } from './PlanErrors';
import { pathErrors, pathId } from './planText';

/** Goal statuses updated from a meeting (000:677-680): a new version that changes only the statuses. */
export function PlanStatusPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const plan = useResource(() => planApi.get(familyId), `${familyId}:status`);
  usePageTitle(t('plan.updateStatus'));
  return (
    <>
      <Breadcrumbs items={[
        { label: plan.data?.familyName ?? t('family.title'), to: `/families/${familyId}` },
        { label: t('plan.title'), to: `/families/${familyId}/plan` },
        { label: t('plan.updateStatus') },
      ]} />
      <h1>{t('plan.updateStatus')}</h1>
      {plan.loading && !plan.data && <Loading />}
      {plan.error && <LoadError error={plan.error} />}
      {plan.data?.version && <StatusForm key={plan.data.latestVersion} plan={plan.data} familyId={familyId} onReload={plan.reload} />}
    </>
  );
}

function StatusForm({ plan, familyId, onReload }: { plan: Plan; familyId: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const version = plan.version!;
  const [reason, setReason] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [statuses, setStatuses] = useState(() => version.goals.map((g) => ({ goalKey: g.goalKey, status: g.status, note: g.statusNote ?? '' })));
  const [error, setError] = useState<ApiError | null>(null);
  const errors = pathErrors(t, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const changed = statuses.filter((s, i) => s.status !== version.goals[i]!.status || s.note !== (version.goals[i]!.statusNote ?? ''));
    try {
      const saved = await planApi.updateStatuses(familyId, version.number, {
        reason, meetingId: meetingId || null, updates: changed.map((s) => ({ goalKey: s.goalKey, status: s.status, note: s.note || null })),
      });
      await navigate(`/families/${familyId}/plan`, { state: { flash: t('plan.saved', { number: saved.version?.number ?? version.number + 1 }) } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };

  const reasonError = errors.at('reason');
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <PlanErrors error={error} onReload={onReload} />
      <div className={`form-group${reasonError ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={pathId('reason')}>{t('plan.reason')}</label>
        {reasonError && <span className="form-error-message" id={`${pathId('reason')}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{reasonError}</span>}
        <input id={pathId('reason')} className="form-input" value={reason} onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? `${pathId('reason')}-error` : undefined} />
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor={pathId('meetingId')}>{t('plan.meeting')} <span className="weight-normal">{t('app.optional')}</span></label>
        <select id={pathId('meetingId')} className="form-select" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
          <option value="">{t('plan.noMeeting')}</option>
          {plan.meetings.map((m) => <option key={m.id} value={m.id}>{formatDateTime(m.scheduledAt, i18n.language)}</option>)}
        </select>
      </div>
      {version.goals.map((goal, i) => (
        <fieldset key={goal.goalKey} className="plan-subgroup">
          <legend className="h4">{t('plan.goalNumber', { number: i + 1 })}: {goal.title}</legend>
          <div className="form-group">
            <label className="form-label" htmlFor={pathId(`updates.${i}.status`)}>{t('plan.statusLabel')}</label>
            <select id={pathId(`updates.${i}.status`)} className="form-select" value={statuses[i]!.status}
              onChange={(e) => setStatuses(statuses.map((s, k) => (k === i ? { ...s, status: e.target.value as GoalStatus } : s)))}>
              {goalStatuses.map((s) => <option key={s} value={s}>{t(`plan.status.${s}`)}</option>)}
            </select>
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={pathId(`updates.${i}.note`)}>{t('plan.statusNote')} <span className="weight-normal">{t('app.optional')}</span></label>
            <input id={pathId(`updates.${i}.note`)} className="form-input" value={statuses[i]!.note}
              onChange={(e) => setStatuses(statuses.map((s, k) => (k === i ? { ...s, note: e.target.value } : s)))} />
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary">{t('plan.saveVersion')}</button>
        <Link className="button button-secondary" to={`/families/${familyId}/plan`}>{t('app.cancel')}</Link>
      </div>
    </form>
  );
}
