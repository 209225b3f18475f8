import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/format';
import type { ChildVoiceSummary } from './api';
import { Smiley, TrendText } from './Smileys';

/**
 * Beside the goals of the joint plan: each child's latest Dialoglinealen score per topic with its trend, and the latest
 * summaries of child conversations and observations. The child's own voice is heard less than the parents'
 * (004:143-148), so the plan shows it where the goals are decided.
 */
export function ChildVoicePanel({ children, linkToChild = true }: { children: ChildVoiceSummary[]; linkToChild?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <aside className="child-voice-panel" aria-labelledby="child-voice-heading">
      <h2 id="child-voice-heading" className="h3">{t('childVoice.title')}</h2>
      {children.length === 0 && <p>{t('childVoice.noChildren')}</p>}
      {children.map((child) => (
        <section key={child.childId} aria-labelledby={`cv-${child.childId}`}>
          <h3 id={`cv-${child.childId}`} className="h4">{child.childName}</h3>
          {child.topics.length === 0 ? <p>{t('childVoice.noScores')}</p> : (
            <div className="table--responsive-scroll">
              <table className="table table--compact">
                <caption className="sr-only">{t('childVoice.latestCaption', { name: child.childName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('childVoice.topic')}</th>
                    <th scope="col">{t('childVoice.latest')}</th>
                    <th scope="col">{t('childVoice.trendLabel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {child.topics.map((topic) => (
                    <tr key={topic.topic}>
                      <th scope="row">{topic.topic}</th>
                      <td><Smiley score={topic.latest} /><span className="d-block form-hint">{formatDate(topic.latestOn, i18n.language)}</span></td>
                      <td><TrendText trend={topic.trend} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {child.latestNotes.length > 0 && (
            <ul className="child-voice-notes">
              {child.latestNotes.map((note) => (
                <li key={note.id}>
                  <strong>{formatDate(note.occurredOn, i18n.language)}, {t(`childVoice.method.${note.method}`)}:</strong> {note.summary}
                </li>
              ))}
            </ul>
          )}
          {linkToChild && <p><Link to={`/children/${child.childId}/voice`}>{t('childVoice.open', { name: child.childName })}</Link></p>}
        </section>
      ))}
    </aside>
  );
}
