import type { TFunction } from 'i18next';
import type { LegalBasis } from '../../api/types';
import type { Option } from '../../components/form/SelectField';
import { formatDate, todayIso } from '../../lib/format';

/**
 * Legal bases as "BL §86 – Dækning af nødvendige merudgifter (tidligere SEL §41)": those in force today first, each
 * with the Serviceloven paragraph it replaced for reference, then those that expired (a measure recorded before 2024
 * still cites Serviceloven), each marked with the day it stopped applying.
 */
export function legalBasisOptions(bases: LegalBasis[], t: TFunction, language: string): Option[] {
  const today = todayIso();
  const inForce = (b: LegalBasis) => b.validFrom <= today && (b.validTo === null || b.validTo >= today);
  const name = (b: LegalBasis) => (language === 'en' ? b.nameEn : b.nameDa);
  return [...bases]
    .sort((a, b) => Number(inForce(b)) - Number(inForce(a)))
    .map((b) => {
      const replaced = bases.filter((old) => old.replacedBy.includes(b.id)).map((old) => old.label);
      const note = !inForce(b) && b.validTo ? t('measureForm.validUntil', { date: formatDate(b.validTo, language) })
        : replaced.length > 0 ? t('measureForm.formerly', { labels: replaced.join(', ') }) : null;
      return { value: b.id, label: `${b.label} – ${name(b)}${note ? ` (${note})` : ''}` };
    });
}
