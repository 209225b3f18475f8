import { useTranslation } from 'react-i18next';
import { OrDash } from '../../components/Dash';
import type { WorklistItem } from './api';

const meetingTypes = ['start_conversation', 'child_conversation', 'home_visit', 'assessment_meeting', 'analysis_meeting',
  'summary_meeting', 'status_meeting', 'network_meeting', 'follow_up'] as const;
type MeetingType = (typeof meetingTypes)[number];

/** The short detail of an item: the cadence, the drift figures, the meeting's title or the agreement's text. */
export function ItemDetail({ item }: { item: WorklistItem }) {
  const { t } = useTranslation();
  const detail = item.detail;
  if (!detail) return <OrDash value={null} />;
  if (item.kind === 'follow_up_due' && (detail === 'six_weeks' || detail === 'three_months')) return <>{t(`worklist.detail.${detail}`)}</>;
  if (item.kind === 'status_meeting_due' && detail.startsWith('weeks:')) return <>{t('worklist.detail.weeks', { count: Number(detail.slice(6)) })}</>;
  if (item.kind === 'contact_too_little' && detail.startsWith('days:')) return <>{t('worklist.detail.days', { count: Number(detail.slice(5)) })}</>;
  if (item.kind === 'contact_too_much') {
    const [count, max] = detail.split('/');
    return <>{t('worklist.detail.tooMuch', { count: Number(count), max: Number(max) })}</>;
  }
  if (item.kind === 'meeting' && (meetingTypes as readonly string[]).includes(detail)) return <>{t(`worklist.meetingType.${detail as MeetingType}`)}</>;
  return <>{detail}</>;
}
