import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The primary submit button and a way back without saving. */
export function SubmitRow({ label, submitting, cancelTo }: { label: string; submitting: boolean; cancelTo?: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={submitting} aria-disabled={submitting || undefined}>
        {label}
      </button>
      {cancelTo && <Link className="button button-secondary" to={cancelTo}>{t('app.cancel')}</Link>}
      {submitting && <span role="status" className="ml-4">{t('app.saving')}</span>}
    </div>
  );
}
