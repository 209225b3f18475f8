import type { TFunction } from 'i18next';
import { wheelKinds, type WheelActivity } from '../worklist/api';

const generatedTitles = ['follow_up_six_weeks', 'follow_up_three_months', 'status_meeting_cadence', 'transition_start', 'turns_18'] as const;
const meetingTypes = ['start_conversation', 'child_conversation', 'home_visit', 'assessment_meeting', 'analysis_meeting', 'summary_meeting',
  'status_meeting', 'network_meeting', 'follow_up'] as const;

/** An activity's name in the reader's language: generated titles and kinds are codes, planned titles are text. */
export function activityLabel(t: TFunction, activity: WheelActivity): string {
  if (activity.source === 'generated' && (generatedTitles as readonly string[]).includes(activity.title ?? '')) {
    return t(`annualWheel.generated.${activity.title as (typeof generatedTitles)[number]}`);
  }
  const kind = activity.source === 'meeting' && (meetingTypes as readonly string[]).includes(activity.kind)
    ? t(`worklist.meetingType.${activity.kind as (typeof meetingTypes)[number]}`)
    : (wheelKinds as readonly string[]).includes(activity.kind) ? t(`annualWheel.kind.${activity.kind as (typeof wheelKinds)[number]}`) : activity.kind;
  return activity.title ? `${kind}: ${activity.title}` : kind;
}

export const monthKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export const monthName = (t: TFunction, month: number) => t(`annualWheel.months.${monthKeys[month - 1]!}`);
