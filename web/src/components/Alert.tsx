import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

type Variant = 'info' | 'success' | 'warning' | 'error';

const icons: Record<Variant, string> = { info: 'info', success: 'success', warning: 'warning', error: 'error' };

interface AlertProps {
  variant: Variant;
  heading?: string;
  headingLevel?: 2 | 3;
  children?: ReactNode;
  /** Announce the alert when it appears (errors and confirmations after an action). */
  live?: boolean;
  ref?: Ref<HTMLDivElement>;
  className?: string;
}

/** DKFDS alert (alert-info/success/warning/error) with its icon. */
export function Alert({ variant, heading, headingLevel = 2, children, live, ref, className }: AlertProps) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const role = live ? (variant === 'error' || variant === 'warning' ? 'alert' : 'status') : undefined;
  const iconLabel = variant === 'error' ? t('errors.failedHeading') : undefined;
  return (
    <div className={`alert alert-${variant}${className ? ` ${className}` : ''}`} role={role} ref={ref} tabIndex={ref ? -1 : undefined}>
      <Icon name={icons[variant]} className="alert-icon" label={heading ? undefined : iconLabel} />
      <div className="alert-body">
        {heading && <Heading className="alert-heading">{heading}</Heading>}
        {typeof children === 'string' ? <p className="alert-text">{children}</p> : children}
      </div>
    </div>
  );
}
