import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { formatCpr, maskCpr } from '../../lib/format';

/**
 * A CPR number shown with only its last four digits until the user asks to see it all (the full number is already
 * in the page's data; hiding it guards against onlookers, not against the user).
 */
export function CprValue({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (!person.cpr) return <span>{t('app.dash')}</span>;
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <span className="cpr-value">
      <span className="cpr-digits">{shown ? formatCpr(person.cpr) : maskCpr(person.cpr)}</span>{' '}
      <button
        type="button"
        className="function-link"
        aria-pressed={shown}
        onClick={() => setShown((value) => !value)}
      >
        {shown ? t('family.hideCpr') : t('family.showCpr')}
        <span className="sr-only"> {t('family.cprOf', { name })}</span>
      </button>
      {person.cprWarnings.map((warning) => (
        <span key={warning} className="d-block small-text">{t(`family.cprWarning.${warning}`)}</span>
      ))}
    </span>
  );
}
