import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { OrDash } from '../../components/Dash';
import { formatDate } from '../../lib/format';
import type { Goal, Responsible } from './api';

/** Who answers for a goal or activity, with "(partner)" after a partner without an account. */
export function responsibleText(t: TFunction, r: Responsible): string {
  return r.kind === 'partner' ? `${r.name} (${t('plan.partner')})` : r.name;
}

const statusTag: Record<Goal['status'], string> = {
  not_started: 'tag', in_progress: 'tag tag-info', achieved: 'tag tag-success', changed: 'tag tag-warning', dropped: 'tag tag-error',
};

/**
 * One SMARTE goal (000:762-790): status, whom it concerns, owners, the six SMARTE fields, the family's own words next
 * to the professional assessment, linked measures (§) and departments, and its activities with responsible and deadline.
 */
export function GoalCard({ goal, index, headingLevel = 3, t: fixedT, language }: {
  goal: Goal; index: number; headingLevel?: 2 | 3; t?: TFunction; language?: string;
}) {
  const own = useTranslation();
  const t = fixedT ?? own.t;
  const lang = language ?? own.i18n.language;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const id = `goal-${goal.goalKey}`;
  const date = (value: string) => formatDate(value, lang) ?? value;
  return (
    <article className="plan-goal" aria-labelledby={id}>
      <Heading id={id} className="plan-goal-title">
        {t('plan.goalNumber', { number: index + 1 })}: {goal.title}{' '}
        <span className={statusTag[goal.status]}>{t(`plan.status.${goal.status}`)}</span>
      </Heading>
      <div className="table--responsive-scroll">
        <table className="table table--compact structured-list">
          <tbody>
            <tr><th scope="row">{t('plan.concerns')}</th><td>{goal.concernsName ?? t('plan.wholeFamily')}</td></tr>
            <tr><th scope="row">{t('plan.horizonLabel')}</th><td>{t(`plan.horizon.${goal.horizon}`)}, {date(goal.startsOn)} – {date(goal.endsOn)}</td></tr>
            <tr><th scope="row">{t('plan.owners')}</th><td>{goal.owners.map((o) => responsibleText(t, o)).join(', ')}</td></tr>
            {goal.statusNote && <tr><th scope="row">{t('plan.statusNote')}</th><td>{goal.statusNote}</td></tr>}
          </tbody>
        </table>
      </div>
      <Sub>{t('plan.smarte')}</Sub>
      <div className="table--responsive-scroll">
        <table className="table table--compact structured-list">
          <tbody>
            <tr><th scope="row">{t('plan.field.specific')}</th><td className="preserve-lines">{goal.specific}</td></tr>
            <tr><th scope="row">{t('plan.field.measurable')}</th><td className="preserve-lines">{goal.measurable}</td></tr>
            <tr><th scope="row">{t('plan.field.accepted')}</th><td className="preserve-lines">{goal.accepted}</td></tr>
            <tr><th scope="row">{t('plan.field.realistic')}</th><td className="preserve-lines">{goal.realistic}</td></tr>
            <tr><th scope="row">{t('plan.field.timeBound')}</th><td>{date(goal.startsOn)} – {date(goal.endsOn)}</td></tr>
            <tr><th scope="row">{t('plan.field.evaluation')}</th><td className="preserve-lines">{goal.evaluation}</td></tr>
          </tbody>
        </table>
      </div>
      <div className="row plan-voices">
        <div className="col-12 col-md-6">
          <Sub>{t('plan.field.familyWords')}</Sub>
          <blockquote className="plan-family-words preserve-lines"><OrDash value={goal.familyWords} /></blockquote>
        </div>
        <div className="col-12 col-md-6">
          <Sub>{t('plan.field.professionalAssessment')}</Sub>
          <p className="preserve-lines"><OrDash value={goal.professionalAssessment} /></p>
        </div>
      </div>
      {(goal.measures.length > 0 || goal.departments.length > 0) && (
        <p>
          {goal.measures.length > 0 && <><strong>{t('plan.measures')}:</strong> {goal.measures.map((m) => `${m.label} ${m.description}`).join('; ')}<br /></>}
          {goal.departments.length > 0 && <><strong>{t('plan.departments')}:</strong> {goal.departments.map((d) => d.name).join(', ')}</>}
        </p>
      )}
      <Sub>{t('plan.activities')}</Sub>
      {goal.activities.length === 0 ? <p>{t('plan.noActivities')}</p> : (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('plan.activity')}</th>
                <th scope="col">{t('plan.responsible')}</th>
                <th scope="col">{t('plan.dueOn')}</th>
                <th scope="col">{t('plan.done')}</th>
              </tr>
            </thead>
            <tbody>
              {goal.activities.map((a, i) => (
                <tr key={i}>
                  <td>{a.description}</td>
                  <td>{responsibleText(t, a.responsible)}</td>
                  <td>{date(a.dueOn)}</td>
                  <td>{a.done ? t('app.yes') : t('app.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
