import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { familyMessagesApi, feedbackQuestions } from './api';

/**
 * On the staff meeting page: what the family prepared (004:2108-2110) and their answers to the questions after the
 * meeting, shown from the day after (004:2122); the server decides what is visible.
 */
export function FamilyInputSection({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const input = useResource(() => familyMessagesApi.familyInput(meetingId), `family-input-${meetingId}`);
  const data = input.data;
  if (!data || (data.preparations.length === 0 && data.feedback.length === 0 && data.feedbackWaiting === 0)) return null;
  return (
    <section aria-labelledby="family-input-heading" className="mt-6">
      <h2 id="family-input-heading">{t('familyPortal.staff.inputTitle')}</h2>
      {data.preparations.map((p) => (
        <div key={p.personId} className="mb-4">
          <h3 className="h4">{t('familyPortal.staff.preparedBy', { name: p.personName })}</h3>
          <dl>
            {p.focusPoints && <><dt>{t('familyPortal.preparation.focusPoints')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{p.focusPoints}</dd></>}
            {p.wishes && <><dt>{t('familyPortal.preparation.wishes')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{p.wishes}</dd></>}
            {p.inviteWishes && <><dt>{t('familyPortal.preparation.inviteWishes')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{p.inviteWishes}</dd></>}
          </dl>
        </div>
      ))}
      {data.feedback.map((f) => (
        <div key={f.personId} className="mb-4">
          <h3 className="h4">{t('familyPortal.staff.feedbackBy', { name: f.personName })}</h3>
          <dl>
            {feedbackQuestions.map((q) => (
              <div key={q}><dt>{t(`familyPortal.feedback.question.${q}`)}</dt><dd>{t(`familyPortal.smiley.${f[q] as 1 | 2 | 3 | 4 | 5}`)} ({f[q]}/5)</dd></div>
            ))}
            {f.comment && <><dt>{t('familyPortal.feedback.comment')}</dt><dd>{f.comment}</dd></>}
          </dl>
        </div>
      ))}
      {data.feedbackWaiting > 0 && <p className="form-hint">{t('familyPortal.staff.feedbackWaiting', { count: data.feedbackWaiting })}</p>}
    </section>
  );
}
