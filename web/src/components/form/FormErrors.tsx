import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../Alert';
import type { ApiForm } from './useApiForm';

interface FormErrorsProps {
  form: ApiForm;
  /** Field name → visible label, so the summary can say which field and link to it. */
  labels: Record<string, string>;
  /** Loads the latest version of the record after a version conflict. */
  onReload?: () => void;
}

/**
 * The top of every form: after a failed submit, either "someone else changed this" with a reload button (409
 * version_conflict) or a DKFDS error summary listing each problem with a link to its field. Gets focus when it appears.
 */
export function FormErrors({ form, labels, onReload }: FormErrorsProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const { error } = form;

  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);

  if (!error) return null;

  if (form.conflict) {
    return (
      <Alert variant="warning" heading={t('errors.conflictHeading')} ref={ref} live>
        <p className="alert-text">{t('errors.conflictText')}</p>
        {onReload && (
          <p className="mt-3">
            <button type="button" className="button button-secondary" onClick={() => { form.clear(); onReload(); }}>
              {t('errors.conflictReload')}
            </button>
          </p>
        )}
      </Alert>
    );
  }

  const items = form.summary(labels);
  const heading = error.details.length > 0 ? t('errors.summaryHeading') : t('errors.failedHeading');
  return (
    <Alert variant="error" heading={heading} ref={ref} live>
      <ul className="alert-text nobullet-list">
        {items.map((item) => (
          <li key={item.key}>
            {item.href ? (
              <a
                href={item.href}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.href!.slice(1))?.focus();
                }}
              >
                {item.text}
              </a>
            ) : item.text}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
