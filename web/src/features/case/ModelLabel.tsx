import { useTranslation } from 'react-i18next';
import type { CaseModel } from '../../api/types';

/**
 * The collaboration model: "Én familie – én indgang" (EFEI) or "Sammen om familien" (SOF). In tight tables the
 * short name is shown and the full name is read out.
 */
export function ModelLabel({ model, short = true }: { model: CaseModel; short?: boolean }) {
  const { t } = useTranslation();
  if (!short) return <>{t(`model.${model}`)}</>;
  return (
    <>
      <span aria-hidden="true" title={t(`model.${model}`)}>{t(`modelShort.${model}`)}</span>
      <span className="sr-only">{t(`model.${model}`)}</span>
    </>
  );
}
