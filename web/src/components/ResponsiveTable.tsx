import type { ReactNode } from 'react';

/** DKFDS table inside its horizontally scrolling wrapper; children are caption, thead and tbody. */
export function ResponsiveTable({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className="table--responsive-scroll" tabIndex={0}>
      <table className={`table table--compact${className ? ` ${className}` : ''}`}>{children}</table>
    </div>
  );
}
