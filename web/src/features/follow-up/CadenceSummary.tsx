import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { formatDate } from '../../lib/format';
import type { CadenceView } from '../worklist/api';

/** The case's cadence and next due date, with why (rules in src/modules/cadence/rules.ts, 001:753-771). */
export function CadenceSummary({ cadence }: { cadence: CadenceView }) {
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
      </dl>
    </Alert>
  );
}
