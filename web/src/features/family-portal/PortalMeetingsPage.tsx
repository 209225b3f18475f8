import type { MeetingType } from '../meeting/api';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { familyPortalApi } from './api';
import { formatTime, PortalShell } from './PortalShell';

/** The family's meetings: prepare the coming ones, answer the questions after the held ones (issue 5 item 3). */
export function PortalMeetingsPage() {
  const { t } = useTranslation();
  return <PortalShell title={t('familyPortal.meetings.title')}><Meetings /></PortalShell>;
}

function Meetings() {
  const { t, i18n } = useTranslation();
  const meetings = useResource(() => familyPortalApi.meetings(), 'portal-meetings');
  if (meetings.error) return <LoadError error={meetings.error} />;
  if (!meetings.data) return <Loading />;
  if (meetings.data.meetings.length === 0) return <p>{t('familyPortal.meetings.none')}</p>;
  return (
    <ul className="nobullet-list">
      {meetings.data.meetings.map((m) => (
        <li key={m.id} className="mb-4">
          <strong>{t(`meeting.types.${m.type as MeetingType}`)}</strong>
          <span className="d-block">{formatTime(m.scheduledAt, i18n.language)}{m.location ? ` · ${m.location}` : ''}</span>
          <Link to={`/portal/meetings/${m.id}`}>
            {m.abilities.canPrepare ? (m.preparation ? t('familyPortal.meetings.editPreparation') : t('familyPortal.meetings.prepare'))
              : m.abilities.canGiveFeedback ? t('familyPortal.meetings.giveFeedback') : t('familyPortal.meetings.open')}
          </Link>
        </li>
      ))}
    </ul>
  );
}
