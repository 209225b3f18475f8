import { useTranslation } from 'react-i18next';

const channels = ['phone', 'physical_meeting', 'video', 'home_visit', 'sms', 'call', 'email', 'message'] as const;
const meetingTypes = ['start_conversation', 'child_conversation', 'assessment_meeting', 'analysis_meeting', 'summary_meeting', 'status_meeting',
  'network_meeting', 'follow_up'] as const;

/** How a contact happened (a follow-up's form, an informal channel) or, for a held meeting, its type. */
export function ChannelLabel({ channel }: { channel: string }) {
  const { t } = useTranslation();
  if ((channels as readonly string[]).includes(channel)) return <>{t(`followUp.channel.${channel as (typeof channels)[number]}`)}</>;
  if ((meetingTypes as readonly string[]).includes(channel)) return <>{t(`worklist.meetingType.${channel as (typeof meetingTypes)[number]}`)}</>;
  return <>{channel}</>;
}
