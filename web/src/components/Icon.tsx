import sprite from '@dkfds/img/all-svg-icons.svg?url';

/** A DKFDS icon from its SVG sprite; decorative unless given a label. */
export function Icon({ name, label, className }: { name: string; label?: string; className?: string }) {
  return (
    <svg
      className={`icon-svg${className ? ` ${className}` : ''}`}
      focusable="false"
      aria-hidden={label ? undefined : true}
      role={label ? 'img' : undefined}
      aria-label={label}
    >
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}
