import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { pathErrors } from './planText';

/**
 * The error summary of the plan's forms: each problem links to its input by the API's full field path. A superseded
 * version (409) says so and offers the latest version. Gets focus when it appears.
 */
export function PlanErrors({ error, onReload }: { error: ApiError | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const { items } = pathErrors(t, error);
  const superseded = error.code === 'plan_version_superseded';
  return (
    <Alert variant={superseded ? 'warning' : 'error'} heading={superseded ? t('plan.supersededHeading') : t('errors.summaryHeading')} ref={ref} live>
      <ul className="alert-text nobullet-list">
        {items.map((item) => (
          <li key={item.key}>
            {item.href ? (
              <a href={item.href} onClick={(event) => { event.preventDefault(); document.getElementById(item.href!.slice(1))?.focus(); }}>{item.text}</a>
            ) : item.text}
          </li>
        ))}
      </ul>
      {superseded && onReload && (
        <p className="mt-3"><button type="button" className="button button-secondary" onClick={onReload}>{t('errors.conflictReload')}</button></p>
      )}
    </Alert>
  );
}
