import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { formatDate } from '../../lib/format';
import type { CadenceView } from '../worklist/api';

/** The case's cadence and next due date, with why (rules in src/modules/cadence/rules.ts, 001:753-771). */
export function CadenceSummary({ cadence, caseId }: { cadence: CadenceView; caseId?: string }) {
  const { t, i18n } = useTranslation();
  const date = (value: string | null) => formatDate(value, i18n.language) ?? '';
  const rhythm = cadence.cadence === 'weeks' ? t('followUp.cadence.weeks', { count: cadence.weeks ?? 0 })
    : cadence.cadence === 'none' ? t('followUp.cadence.none') : t(`followUp.cadence.${cadence.cadence}`);
  const reasonKey = `followUp.reason.${cadence.reason}` as const;
  const variant = cadence.bucket === 'overdue' ? 'warning' : 'info';
  return (
    <Alert variant={variant} heading={t('followUp.cadenceHeading')} headingLevel={2}>
      <dl className="alert-text">
        <dt>{t('followUp.rhythm')}</dt>
        <dd>{rhythm} – {t(reasonKey as 'followUp.reason.compensation_only', { defaultValue: cadence.reason })}</dd>
        {cadence.countsFrom && (
          <>
            <dt>{t('followUp.countsFrom')}</dt>
            <dd>{cadence.countsFromFollowUp ? t('followUp.lastFollowUp', { date: date(cadence.countsFrom) }) : t('followUp.caseStart', { date: date(cadence.countsFrom) })}</dd>
          </>
        )}
        <dt>{t('followUp.nextDue')}</dt>
        <dd>
          {cadence.dueOn ? date(cadence.dueOn) : t('followUp.noDue')}
          {cadence.bucket && cadence.bucket !== 'later' && <strong>{` (${t(`followUp.bucket.${cadence.bucket}`)})`}</strong>}
        </dd>
        {cadence.source === 'law_95' && (
          <>
            <dt>{t('followUp.law95.why')}</dt>
            <dd>
              {cadence.law.basis === 'recorded_cadence' ? t('followUp.law95.recorded', { count: cadence.law.months ?? 0 }) : t('followUp.law95.first')}
              {cadence.modelDueOn && ` ${t('followUp.law95.modelDate', { date: date(cadence.modelDueOn) })}`}
            </dd>
          </>
        )}
      </dl>
      {cadence.law.cadenceMissing.map((measureId) => (
        <p key={measureId} className="alert-text">
          {t('followUp.law95.missing')}{' '}
          {caseId && <Link to={`/cases/${caseId}/measures/${measureId}/edit#law-follow-up`}>{t('followUp.law95.record')}</Link>}
        </p>
      ))}
    </Alert>
  );
}
