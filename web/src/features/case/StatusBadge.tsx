import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../api/types';

const variants: Record<CaseStatus, string> = {
  open: 'badge-info',
  in_operation: 'badge-success',
  ordinary_operation: '',
  closed: '',
};

/** The case status as a DKFDS badge. */
export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${variants[status]}`.trim()}>{t(`status.${status}`)}</span>;
}
