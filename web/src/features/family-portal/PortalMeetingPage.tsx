import type { MeetingType } from '../meeting/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { TextAreaField } from '../../components/form/TextAreaField';
import { familyPortalApi, feedbackQuestions, type FamilyMeeting, type FeedbackQuestion } from './api';
import { formatTime, PortalShell, SubmitError } from './PortalShell';
import { SmileyScale } from './SmileyScale';
import { useSubmit } from './useSubmit';

/** Preparing for a meeting (004:2108-2110) and, after it, the short FIT-inspired questions (004:2120-2123). */
export function PortalMeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  return (
    <PortalShell title={t('familyPortal.meetings.meeting')}>
      <p><Link to="/portal/meetings">{t('familyPortal.meetings.all')}</Link></p>
      <Meeting meetingId={meetingId} />
    </PortalShell>
  );
}

function Meeting({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const meeting = useResource(() => familyPortalApi.meeting(meetingId), `portal-meeting-${meetingId}`);
  if (meeting.error) return <LoadError error={meeting.error} />;
  if (!meeting.data) return <Loading />;
  const m = meeting.data;
  return (
    <>
      <h2>{t(`meeting.types.${m.type as MeetingType}`)}</h2>
      <p>{formatTime(m.scheduledAt, i18n.language)}{m.location ? ` · ${m.location}` : ''}</p>
      {m.abilities.canPrepare && <PreparationForm meeting={m} onSaved={meeting.setData} />}
      {m.abilities.canGiveFeedback && <FeedbackForm meeting={m} onSaved={meeting.setData} />}
      {m.feedbackGiven && <Alert variant="success">{t('familyPortal.feedback.thanks')}</Alert>}
    </>
  );
}

function PreparationForm({ meeting, onSaved }: { meeting: FamilyMeeting; onSaved: (m: FamilyMeeting) => void }) {
  const { t } = useTranslation();
  const p = meeting.preparation;
  const [focusPoints, setFocusPoints] = useState(p?.focusPoints ?? '');
  const [wishes, setWishes] = useState(p?.wishes ?? '');
  const [inviteWishes, setInviteWishes] = useState(p?.inviteWishes ?? '');
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  return (
    <form noValidate onSubmit={(event) => {
      event.preventDefault();
      setSaved(false);
      void submit.run(async () => {
        onSaved(await familyPortalApi.prepare(meeting.id, { focusPoints, wishes, inviteWishes, version: meeting.preparation?.version ?? 0 }));
        setSaved(true);
      });
    }}>
      <h3>{t('familyPortal.preparation.title')}</h3>
      <p>{t('familyPortal.preparation.intro')}</p>
      <SubmitError error={submit.error} />
      {saved && <Alert variant="success" live>{t('familyPortal.preparation.saved')}</Alert>}
      <TextAreaField name="focusPoints" optional label={t('familyPortal.preparation.focusPoints')} hint={t('familyPortal.preparation.focusPointsHint')} value={focusPoints} onChange={setFocusPoints} />
      <TextAreaField name="wishes" optional label={t('familyPortal.preparation.wishes')} value={wishes} onChange={setWishes} />
      <TextAreaField name="inviteWishes" optional label={t('familyPortal.preparation.inviteWishes')} hint={t('familyPortal.preparation.inviteWishesHint')} value={inviteWishes} onChange={setInviteWishes} rows={3} />
      <button type="submit" className="button button-primary" disabled={submit.submitting}>{t('familyPortal.preparation.save')}</button>
    </form>
  );
}

function FeedbackForm({ meeting, onSaved }: { meeting: FamilyMeeting; onSaved: (m: FamilyMeeting) => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<FeedbackQuestion, number | null>>({ heard: null, importantTopics: null, approach: null, overall: null });
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = useSubmit();
  return (
    <form noValidate onSubmit={(event) => {
      event.preventDefault();
      if (feedbackQuestions.some((q) => answers[q] === null)) {
        setMissing(true);
        return;
      }
      setMissing(false);
      void submit.run(async () => {
        onSaved(await familyPortalApi.feedback(meeting.id, {
          heard: answers.heard!, importantTopics: answers.importantTopics!, approach: answers.approach!, overall: answers.overall!, comment,
        }));
      });
    }}>
      <h3>{t('familyPortal.feedback.title')}</h3>
      <p>{t('familyPortal.feedback.intro')}</p>
      <SubmitError error={submit.error} />
      {feedbackQuestions.map((q) => (
        <SmileyScale key={q} name={q} legend={t(`familyPortal.feedback.question.${q}`)} value={answers[q]}
          error={missing && answers[q] === null ? t('familyPortal.feedback.required') : undefined}
          onChange={(score) => setAnswers({ ...answers, [q]: score })} />
      ))}
      <TextAreaField name="comment" optional label={t('familyPortal.feedback.comment')} value={comment} onChange={setComment} rows={3} />
      <button type="submit" className="button button-primary" disabled={submit.submitting}>{t('familyPortal.feedback.send')}</button>
    </form>
  );
}
