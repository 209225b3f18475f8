import { useTranslation } from 'react-i18next';
import type { Trend } from './api';

/** The mouth of smiley 1 (very sad) to 5 (very happy): a curve from frowning to smiling. */
function mouth(score: number): string {
  const bend = (score - 3) * 3; // -6 … 6
  return `M7 ${16 - bend / 3} Q12 ${16 + bend} 17 ${16 - bend / 3}`;
}

/** A Dialoglinealen score (000:479-483) as a drawn smiley, with the number in words for screen readers and print. */
export function Smiley({ score }: { score: number }) {
  const { t } = useTranslation();
  return (
    <span className="child-voice-smiley">
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" className="child-voice-face">
        <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
        <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
        <path d={mouth(score)} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>{' '}
      {t('childVoice.scoreOf', { score })}
    </span>
  );
}

const arrows: Record<Trend, string> = { up: '↑', down: '↓', same: '→', first: '•' };

/** The direction since the score before, as an arrow and a word. */
export function TrendText({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  return (
    <span>
      <span aria-hidden="true">{arrows[trend]} </span>
      {t(`childVoice.trend.${trend}`)}
    </span>
  );
}
