import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from './api';

const variants: Record<MeetingStatus, string> = { planned: 'badge-info', closed: 'badge-success', cancelled: '' };

/** A meeting's status as a DKFDS badge with its text. */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${variants[status]}`.trim()}>{t(`meeting.statuses.${status}`)}</span>;
}
