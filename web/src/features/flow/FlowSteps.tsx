import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import type { Flow, StepState } from './api';

const badge: Record<StepState, string> = { done: 'badge-success', current: 'badge-info', skipped: '', upcoming: '' };

/** The model's steps in order, each with its state as text (not colour alone); the current one is aria-current="step". */
export function FlowSteps({ flow }: { flow: Flow }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="nobullet-list flow-steps">
      {flow.steps.map((step) => (
        <li key={step.key} aria-current={step.state === 'current' ? 'step' : undefined} className={`flow-step flow-step--${step.state} mb-4`}>
          <span className={step.state === 'current' ? 'weight-semibold' : undefined}>
            {step.number !== null && <>{step.number}. </>}
            {t(`flow.steps.${flow.model}.${step.key}` as 'flow.steps.efei.assessment')}
          </span>{' '}
          <span className={`badge ${badge[step.state]}`.trim()}>{t(`flow.state.${step.state}`)}</span>
          {step.repeatable && flow.model === 'efei' && <span className="sr-only"> ({t('flow.repeatable')})</span>}
          {step.doneAt && step.state === 'done' && (
            <span className="d-block small-text">{t('flow.doneOn', { date: formatDate(step.doneAt, i18n.language) })}</span>
          )}
          {step.skipReason && <span className="d-block small-text">{t('flow.skippedBecause', { reason: step.skipReason })}</span>}
        </li>
      ))}
    </ol>
  );
}
