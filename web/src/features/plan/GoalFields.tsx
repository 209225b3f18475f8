import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/form/CheckboxField';
import type { Plan, GoalInput, ResponsibleInput } from './api';
import { goalStatuses } from './api';
import type { PathErrors } from './planText';
import { pathId } from './planText';
import { ResponsibleFields } from './ResponsibleFields';

/** One labelled input of the goal form, identified by its API path so errors land on it. */
function Field({ path, label, hint, error, optional, children }: {
  path: string; label: string; hint?: string; error?: string; optional?: boolean; children: (aria: Record<string, unknown>) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const id = pathId(path);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>{label}{optional && <span className="weight-normal"> {t('app.optional')}</span>}</label>
      {hint && <span className="form-hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span className="form-error-message" id={`${id}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{error}</span>}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

const newOwner: ResponsibleInput = { kind: 'person', personId: '' };

/** The SMARTE goal's fields (000:762-790): every input labelled, each error shown at its field. */
export function GoalFields({ goal, index, plan, errors, onChange, onRemove }: {
  goal: GoalInput; index: number; plan: Plan; errors: PathErrors; onChange: (goal: GoalInput) => void; onRemove: () => void;
}) {
  const { t } = useTranslation();
  const p = `goals.${index}`;
  const set = <K extends keyof GoalInput>(key: K, value: GoalInput[K]) => onChange({ ...goal, [key]: value });
  const text = (key: 'title' | 'specific' | 'measurable' | 'accepted' | 'realistic' | 'evaluation', rows?: number, hint?: string) => (
    <Field path={`${p}.${key}`} label={t(`plan.field.${key}`)} hint={hint} error={errors.at(`${p}.${key}`)}>
      {(aria) => rows
        ? <textarea {...aria} className="form-input" rows={rows} value={goal[key]} onChange={(e) => set(key, e.target.value)} />
        : <input {...aria} className="form-input" value={goal[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const ownersError = errors.at(`${p}.owners`);
  return (
    <fieldset className="plan-goal-fieldset">
      <legend className="h3">{t('plan.goalNumber', { number: index + 1 })}{goal.title ? `: ${goal.title}` : ''}</legend>
      {text('title')}
      <Field path={`${p}.concernsPersonId`} label={t('plan.concerns')} error={errors.at(`${p}.concernsPersonId`)}>
        {(aria) => (
          <select {...aria} className="form-select" value={goal.concernsPersonId ?? ''} onChange={(e) => set('concernsPersonId', e.target.value || null)}>
            <option value="">{t('plan.wholeFamily')}</option>
            {plan.members.map((m) => <option key={m.personId} value={m.personId}>{m.name}</option>)}
          </select>
        )}
      </Field>
      <Field path={`${p}.horizon`} label={t('plan.horizonLabel')} error={errors.at(`${p}.horizon`)}>
        {(aria) => (
          <select {...aria} className="form-select" value={goal.horizon} onChange={(e) => set('horizon', e.target.value as GoalInput['horizon'])}>
            <option value="short">{t('plan.horizon.short')}</option>
            <option value="long">{t('plan.horizon.long')}</option>
          </select>
        )}
      </Field>
      <h4>{t('plan.smarte')}</h4>
      {text('specific', 3, t('plan.hint.specific'))}
      {text('measurable', 3, t('plan.hint.measurable'))}
      {text('accepted', 3, t('plan.hint.accepted'))}
      {text('realistic', 3, t('plan.hint.realistic'))}
      <div className="plan-dates">
        <Field path={`${p}.startsOn`} label={t('plan.field.startsOn')} error={errors.at(`${p}.startsOn`)}>
          {(aria) => <input {...aria} type="date" className="form-input" value={goal.startsOn} onChange={(e) => set('startsOn', e.target.value)} />}
        </Field>
        <Field path={`${p}.endsOn`} label={t('plan.field.endsOn')} hint={t('plan.hint.timeBound')} error={errors.at(`${p}.endsOn`)}>
          {(aria) => <input {...aria} type="date" className="form-input" value={goal.endsOn} onChange={(e) => set('endsOn', e.target.value)} />}
        </Field>
      </div>
      {text('evaluation', 3, t('plan.hint.evaluation'))}
      <div className="row">
        <div className="col-12 col-md-6">
          <Field path={`${p}.familyWords`} label={t('plan.field.familyWords')} hint={t('plan.hint.familyWords')} optional error={errors.at(`${p}.familyWords`)}>
            {(aria) => <textarea {...aria} className="form-input" rows={4} value={goal.familyWords ?? ''} onChange={(e) => set('familyWords', e.target.value || null)} />}
          </Field>
        </div>
        <div className="col-12 col-md-6">
          <Field path={`${p}.professionalAssessment`} label={t('plan.field.professionalAssessment')} optional error={errors.at(`${p}.professionalAssessment`)}>
            {(aria) => <textarea {...aria} className="form-input" rows={4} value={goal.professionalAssessment ?? ''} onChange={(e) => set('professionalAssessment', e.target.value || null)} />}
          </Field>
        </div>
      </div>
      <Field path={`${p}.status`} label={t('plan.statusLabel')} error={errors.at(`${p}.status`)}>
        {(aria) => (
          <select {...aria} className="form-select" value={goal.status} onChange={(e) => set('status', e.target.value as GoalInput['status'])}>
            {goalStatuses.map((s) => <option key={s} value={s}>{t(`plan.status.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <Field path={`${p}.visibility`} label={t('sharing.label')} error={errors.at(`${p}.visibility`)}>
        {(aria) => (
          <select {...aria} className="form-select" value={goal.visibility ?? 'family'} onChange={(e) => set('visibility', e.target.value as GoalInput['visibility'])}>
            {(['internal', 'family', 'partners'] as const).map((v) => <option key={v} value={v}>{t(`sharing.values.${v}`)}</option>)}
          </select>
        )}
      </Field>

      <fieldset className={`plan-subgroup${ownersError ? ' form-error' : ''}`} aria-describedby={ownersError ? `${pathId(`${p}.owners`)}-error` : undefined}>
        <legend className="form-label">{t('plan.owners')}</legend>
        <span className="form-hint">{t('plan.hint.owners')}</span>
        {ownersError && <span className="form-error-message" id={`${pathId(`${p}.owners`)}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{ownersError}</span>}
        {goal.owners.map((owner, j) => (
          <div key={j} className="plan-row">
            <ResponsibleFields path={`${p}.owners.${j}`} label={t('plan.ownerN', { number: j + 1 })} value={owner} plan={plan}
              error={errors.at(`${p}.owners.${j}.personId`) ?? errors.at(`${p}.owners.${j}.userId`) ?? errors.at(`${p}.owners.${j}.name`)}
              onChange={(v) => set('owners', goal.owners.map((o, k) => (k === j ? v : o)))} />
            <button type="button" className="button button-tertiary" onClick={() => set('owners', goal.owners.filter((_, k) => k !== j))}>
              {t('plan.removeOwner', { number: j + 1 })}
            </button>
          </div>
        ))}
        <button type="button" id={pathId(`${p}.owners`)} className="button button-secondary" onClick={() => set('owners', [...goal.owners, newOwner])}>
          {t('plan.addOwner')}
        </button>
      </fieldset>

      {plan.measures.length > 0 && (
        <fieldset className="plan-subgroup">
          <legend className="form-label">{t('plan.measures')} <span className="weight-normal">{t('app.optional')}</span></legend>
          {plan.measures.map((m) => (
            <CheckboxField key={m.id} id={`${pathId(`${p}.measureIds`)}-${m.id}`} name={`${p}.measureIds`} label={`${m.label} ${m.description}`}
              checked={goal.measureIds.includes(m.id)}
              onChange={(checked) => set('measureIds', checked ? [...goal.measureIds, m.id] : goal.measureIds.filter((x) => x !== m.id))} />
          ))}
        </fieldset>
      )}
      <fieldset className="plan-subgroup">
        <legend className="form-label">{t('plan.departments')} <span className="weight-normal">{t('app.optional')}</span></legend>
        {plan.departments.map((d) => (
          <CheckboxField key={d.id} id={`${pathId(`${p}.departmentIds`)}-${d.id}`} name={`${p}.departmentIds`} label={d.name}
            checked={goal.departmentIds.includes(d.id)}
            onChange={(checked) => set('departmentIds', checked ? [...goal.departmentIds, d.id] : goal.departmentIds.filter((x) => x !== d.id))} />
        ))}
      </fieldset>

      <fieldset className="plan-subgroup">
        <legend className="form-label">{t('plan.activities')}</legend>
        {goal.activities.map((a, j) => {
          const ap = `${p}.activities.${j}`;
          const update = (patch: Partial<GoalInput['activities'][number]>) => set('activities', goal.activities.map((x, k) => (k === j ? { ...x, ...patch } : x)));
          return (
            <div key={j} className="plan-row plan-activity">
              <Field path={`${ap}.description`} label={t('plan.activityN', { number: j + 1 })} error={errors.at(`${ap}.description`)}>
                {(aria) => <input {...aria} className="form-input" value={a.description} onChange={(e) => update({ description: e.target.value })} />}
              </Field>
              <ResponsibleFields path={`${ap}.responsible`} label={t('plan.responsible')} value={a.responsible} plan={plan}
                error={errors.at(`${ap}.responsible.personId`) ?? errors.at(`${ap}.responsible.userId`) ?? errors.at(`${ap}.responsible.name`)}
                onChange={(v) => update({ responsible: v })} />
              <Field path={`${ap}.dueOn`} label={t('plan.dueOn')} error={errors.at(`${ap}.dueOn`)}>
                {(aria) => <input {...aria} type="date" className="form-input" value={a.dueOn} onChange={(e) => update({ dueOn: e.target.value })} />}
              </Field>
              <CheckboxField name={`${ap}.done`} id={pathId(`${ap}.done`)} label={t('plan.done')} checked={a.done} onChange={(done) => update({ done })} />
              <button type="button" className="button button-tertiary" onClick={() => set('activities', goal.activities.filter((_, k) => k !== j))}>
                {t('plan.removeActivity', { number: j + 1 })}
              </button>
            </div>
          );
        })}
        <button type="button" className="button button-secondary"
          onClick={() => set('activities', [...goal.activities, { description: '', responsible: { kind: 'user', userId: '' }, dueOn: '', done: false }])}>
          {t('plan.addActivity')}
        </button>
      </fieldset>
      <p><button type="button" className="button button-tertiary" onClick={onRemove}>{t('plan.removeGoal', { number: index + 1 })}</button></p>
    </fieldset>
  );
}
