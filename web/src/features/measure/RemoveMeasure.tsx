import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { measureApi } from '../../api/endpoints';
import type { Measure } from '../../api/types';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { useApiForm } from '../../components/form/useApiForm';

/** Removing a wrongly recorded measure, after a confirmation on the page (no browser dialog). */
export function RemoveMeasure({ measure, onReload }: { measure: Measure; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [confirming, setConfirming] = useState(false);

  const remove = () => void form.run(async () => {
    await measureApi.remove(measure.id, measure.version);
    await navigate(`/cases/${measure.caseId}`, { state: { flash: t('measureForm.removed') } });
  });

  return (
    <section aria-labelledby="remove-measure" className="mt-7">
      <h2 id="remove-measure">{t('measureForm.remove')}</h2>
      <FormErrors form={form} labels={{}} onReload={onReload} />
      {!confirming ? (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {t('measureForm.remove')}
        </button>
      ) : (
        <Alert variant="warning" heading={t('measureForm.removeHeading')} headingLevel={3}>
          <p className="alert-text">{t('measureForm.removeText')}</p>
          <div className="form-actions mt-3">
            <button type="button" className="button button-warning" onClick={remove} disabled={form.submitting}>
              {t('measureForm.confirmRemove')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </Alert>
      )}
    </section>
  );
}
