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
import { emptyGoal, goalToInput, planApi, type GoalInput, type Plan } from './api';
import { GoalFields } from './GoalFields';
import { PlanErrors } from './PlanErrors';
import { pathErrors, pathId } from './planText';
import './plan.css';

/** Creates the joint plan, or revises it as a new version from the latest one, always with a reason. */
export function PlanEditPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const plan = useResource(() => planApi.get(familyId), `${familyId}:edit`);
  const title = plan.data?.version ? t('plan.reviseTitle') : t('plan.createTitle');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs items={[
        { label: plan.data?.familyName ?? t('family.title'), to: `/families/${familyId}` },
        { label: t('plan.title'), to: `/families/${familyId}/plan` },
        { label: title },
      ]} />
      <h1>{title}</h1>
      {plan.loading && !plan.data && <Loading />}
      {plan.error && <LoadError error={plan.error} />}
      {plan.data && <PlanForm key={plan.data.latestVersion ?? 0} plan={plan.data} familyId={familyId} onReload={plan.reload} />}
    </>
  );
}

function PlanForm({ plan, familyId, onReload }: { plan: Plan; familyId: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const base = plan.version;
  const [reason, setReason] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [goals, setGoals] = useState<GoalInput[]>(() => (base ? base.goals.map(goalToInput) : [emptyGoal()]));
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = pathErrors(t, error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const input = { reason, meetingId: meetingId || null, goals };
      const saved = base ? await planApi.revise(familyId, { ...input, baseVersion: base.number }) : await planApi.create(familyId, input);
      await navigate(`/families/${familyId}/plan`, { state: { flash: t('plan.saved', { number: saved.version?.number ?? 1 }) } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    } finally {
      setSubmitting(false);
    }
  };

  const reasonError = errors.at('reason');
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {base && <p className="font-lead">{t('plan.reviseIntro', { number: base.number })}</p>}
      <PlanErrors error={error} onReload={onReload} />
      <div className={`form-group${reasonError ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={pathId('reason')}>{t('plan.reason')}</label>
        <span className="form-hint" id={`${pathId('reason')}-hint`}>{t('plan.hint.reason')}</span>
        {reasonError && <span className="form-error-message" id={`${pathId('reason')}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{reasonError}</span>}
        <textarea id={pathId('reason')} className="form-input" rows={2} value={reason} required onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${pathId('reason')}-hint${reasonError ? ` ${pathId('reason')}-error` : ''}`} aria-invalid={reasonError ? true : undefined} />
      </div>
      {plan.meetings.length > 0 && (
        <div className={`form-group${errors.at('meetingId') ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={pathId('meetingId')}>{t('plan.meeting')} <span className="weight-normal">{t('app.optional')}</span></label>
          <select id={pathId('meetingId')} className="form-select" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
            <option value="">{t('plan.noMeeting')}</option>
            {plan.meetings.map((m) => <option key={m.id} value={m.id}>{formatDateTime(m.scheduledAt, i18n.language)}</option>)}
          </select>
        </div>
      )}
      <h2>{t('plan.goals')}</h2>
      {goals.map((goal, index) => (
        <GoalFields key={goal.goalKey ?? `new-${index}`} goal={goal} index={index} plan={plan} errors={errors}
          onChange={(g) => setGoals(goals.map((x, i) => (i === index ? g : x)))}
          onRemove={() => setGoals(goals.filter((_, i) => i !== index))} />
      ))}
      <p><button type="button" className="button button-secondary" onClick={() => setGoals([...goals, emptyGoal()])}>{t('plan.addGoal')}</button></p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submitting}>{base ? t('plan.saveVersion') : t('plan.create')}</button>
        <Link className="button button-secondary" to={`/families/${familyId}/plan`}>{t('app.cancel')}</Link>
        {submitting && <span role="status" className="ml-4">{t('app.saving')}</span>}
      </div>
    </form>
  );
}
