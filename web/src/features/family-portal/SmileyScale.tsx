import { useTranslation } from 'react-i18next';
import './family-portal.css';

/** The mouth of smiley 1 (very sad) to 5 (very happy). */
function mouth(score: number): string {
  const bend = (score - 3) * 3;
  return `M7 ${16 - bend / 3} Q12 ${16 + bend} 17 ${16 - bend / 3}`;
}

/**
 * Five big smileys as a radio group (Dialoglinealen, 000:479-483): each face has its words as the radio's label, so
 * a screen reader reads "Meget glad" and keyboard users move with the arrow keys like any radio group.
 */
export function SmileyScale({ name, legend, value, onChange, error }: {
  name: string; legend: string; value: number | null; onChange: (score: number) => void; error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={`form-group smiley-scale${error ? ' form-error' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {error && <span className="form-error-message" id={`${name}-error`}>{error}</span>}
      <div className="smiley-scale-options">
        {[1, 2, 3, 4, 5].map((score) => (
          <label key={score} className={`smiley-option${value === score ? ' smiley-option-checked' : ''}`}>
            <input type="radio" name={name} value={score} checked={value === score} onChange={() => onChange(score)} />
            <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className="smiley-face">
              <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
              <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
              <path d={mouth(score)} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
            <span className="smiley-label">{t(`familyPortal.smiley.${score as 1 | 2 | 3 | 4 | 5}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
