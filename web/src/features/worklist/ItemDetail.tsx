import { useTranslation } from 'react-i18next';
import { OrDash } from '../../components/Dash';
import { formatDate } from '../../lib/format';
import type { WorklistItem } from './api';

const meetingTypes = ['start_conversation', 'child_conversation', 'home_visit', 'assessment_meeting', 'analysis_meeting',
  'summary_meeting', 'status_meeting', 'network_meeting', 'follow_up'] as const;
type MeetingType = (typeof meetingTypes)[number];

/** The short detail of an item: the cadence, the drift figures, the meeting's title or the agreement's text. */
export function ItemDetail({ item }: { item: WorklistItem }) {
  const { t, i18n } = useTranslation();
  const detail = item.detail;
  if (!detail) return <OrDash value={null} />;
  if (item.kind === 'follow_up_due' && (detail === 'six_weeks' || detail === 'three_months')) return <>{t(`worklist.detail.${detail}`)}</>;
  // Barnets Lov §95 gave the date (cadence/rules.ts): the first follow-up of a §32 measure, or its recorded cadence.
  if (detail === 'law_95:first_follow_up') return <>{t('worklist.detail.law95First')}</>;
  if (detail.startsWith('law_95:months:')) return <>{t('worklist.detail.law95Months', { count: Number(detail.slice(14)) })}</>;
  if (item.kind === 'status_meeting_due' && detail.startsWith('weeks:')) return <>{t('worklist.detail.weeks', { count: Number(detail.slice(6)) })}</>;
  if (item.kind === 'contact_too_little' && detail.startsWith('days:')) return <>{t('worklist.detail.days', { count: Number(detail.slice(5)) })}</>;
  if (item.kind === 'contact_too_much') {
    const [count, max] = detail.split('/');
    return <>{t('worklist.detail.tooMuch', { count: Number(count), max: Number(max) })}</>;
  }
  // Barnets Lov §20 stk. 3 and §137 (worklist/rules.ts).
  if (item.kind === 'investigation_due' && detail.startsWith('days_left:')) {
    const days = Number(detail.slice(10));
    return <>{days >= 0 ? t('worklist.detail.daysLeft', { count: days }) : t('worklist.detail.daysOver', { count: -days })}</>;
  }
  if (item.kind === 'provisional_assessment_required' && detail.startsWith('days_over:')) return <>{t('worklist.detail.daysOver', { count: Number(detail.slice(10)) })}</>;
  if (item.kind === 'reassessment_open' && detail === 'unassigned') return <>{t('worklist.detail.unassigned')}</>;
  if (item.kind === 'reassessment_open' && detail.startsWith('opened:')) return <>{t('worklist.detail.openedOn', { date: formatDate(detail.slice(7), i18n.language) })}</>;
  if (item.kind === 'meeting' && (meetingTypes as readonly string[]).includes(detail)) return <>{t(`worklist.meetingType.${detail as MeetingType}`)}</>;
  return <>{detail}</>;
}
