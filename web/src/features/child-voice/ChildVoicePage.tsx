import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, todayIso } from '../../lib/format';
import { PlanErrors } from '../plan/PlanErrors';
import { pathErrors, pathId } from '../plan/planText';
import { childVoiceApi, type ChildVoice, type VoiceMethod } from './api';
import { Smiley, TrendText } from './Smileys';
import '../plan/plan.css';

/**
 * The child's own voice (001:160-163, 000:479-483, 004:143-148): summaries of child conversations and observations, and
 * Dialoglinealen scores per topic over time, with forms to record both.
 */
export function ChildVoicePage() {
  const { t, i18n } = useTranslation();
  const { childId = '' } = useParams();
  const voice = useResource(() => childVoiceApi.get(childId), childId);
  const data = voice.data;
  const title = data ? t('childVoice.titleFor', { name: data.childName }) : t('childVoice.title');
  usePageTitle(title);
  const [flash, setFlash] = useState<string | null>(null);
  const saved = (next: ChildVoice, message: string) => { voice.setData(next); setFlash(message); };
  const dates = data ? [...new Set(data.scores.map((s) => s.scoredOn))].sort() : [];

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.myFamilies'), to: '/' }, { label: title }]} />
      <h1>{title}</h1>
      <p className="font-lead">{t('childVoice.intro')}</p>
      {flash && <Alert variant="success" live>{flash}</Alert>}
      {voice.loading && !data && <Loading />}
      {voice.error && <LoadError error={voice.error} />}
      {data && (
        <>
          <section aria-labelledby="cv-scores">
            <h2 id="cv-scores">{t('childVoice.scoresHeading')}</h2>
            {data.topics.length === 0 ? <p>{t('childVoice.noScores')}</p> : (
              <ResponsiveTable>
                <caption>{t('childVoice.overTimeCaption', { name: data.childName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('childVoice.topic')}</th>
                    {dates.map((d) => <th scope="col" key={d}>{formatDate(d, i18n.language)}</th>)}
                    <th scope="col">{t('childVoice.trendLabel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.topics.map((topic) => (
                    <tr key={topic.topic}>
                      <th scope="row">{topic.topic}</th>
                      {dates.map((d) => {
                        const point = topic.history.find((h) => h.scoredOn === d);
                        return <td key={d}>{point ? <Smiley score={point.score} /> : <span aria-label={t('childVoice.noScore')}>–</span>}</td>;
                      })}
                      <td><TrendText trend={topic.trend} /></td>
                    </tr>
                  ))}
                </tbody>
              </ResponsiveTable>
            )}
            {data.abilities.canRecord && <ScoresForm childId={childId} onSaved={(v) => saved(v, t('childVoice.scoresSaved'))} />}
          </section>
          <section aria-labelledby="cv-notes">
            <h2 id="cv-notes">{t('childVoice.notesHeading')}</h2>
            {data.notes.length === 0 ? <p>{t('childVoice.noNotes')}</p> : (
              <ul className="nobullet-list">
                {data.notes.map((note) => (
                  <li key={note.id} className="plan-row">
                    <strong>{formatDate(note.occurredOn, i18n.language)} – {t(`childVoice.method.${note.method}`)}</strong>
                    <span className="d-block form-hint">{t('childVoice.by', { name: note.recordedBy })}</span>
                    <p className="preserve-lines">{note.summary}</p>
                  </li>
                ))}
              </ul>
            )}
            {data.abilities.canRecord && <NoteForm childId={childId} onSaved={(v) => saved(v, t('childVoice.noteSaved'))} />}
          </section>
        </>
      )}
    </>
  );
}

function NoteForm({ childId, onSaved }: { childId: string; onSaved: (voice: ChildVoice) => void }) {
  const { t } = useTranslation();
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [method, setMethod] = useState<VoiceMethod>('conversation');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const errors = pathErrors(t, error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      onSaved(await childVoiceApi.addNote(childId, { occurredOn, method, summary }));
      setSummary('');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };
  const field = (path: string) => ({ id: pathId(path), 'aria-invalid': errors.at(path) ? true : undefined, 'aria-describedby': errors.at(path) ? `${pathId(path)}-error` : undefined });
  const message = (path: string) => errors.at(path) && (
    <span className="form-error-message" id={`${pathId(path)}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{errors.at(path)}</span>
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="plan-subgroup">
      <h3>{t('childVoice.addNote')}</h3>
      <PlanErrors error={error} />
      <div className={`form-group${errors.at('occurredOn') ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={pathId('occurredOn')}>{t('childVoice.date')}</label>
        {message('occurredOn')}
        <input {...field('occurredOn')} type="date" className="form-input" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
      </div>
      <div className={`form-group${errors.at('method') ? ' form-error' : ''}`}>
        <fieldset>
          <legend className="form-label">{t('childVoice.methodLabel')}</legend>
          {(['conversation', 'observation'] as const).map((m, i) => (
            <div className="form-group-radio" key={m}>
              <input type="radio" className="form-radio" name="method" id={i === 0 ? pathId('method') : `${pathId('method')}-${m}`} value={m}
                checked={method === m} onChange={() => setMethod(m)} />
              <label htmlFor={i === 0 ? pathId('method') : `${pathId('method')}-${m}`}>{t(`childVoice.method.${m}`)}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <div className={`form-group${errors.at('summary') ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={pathId('summary')}>{t('childVoice.summary')}</label>
        <span className="form-hint">{t('childVoice.summaryHint')}</span>
        {message('summary')}
        <textarea {...field('summary')} className="form-input" rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </div>
      <button type="submit" className="button button-primary">{t('childVoice.saveNote')}</button>
    </form>
  );
}

function ScoresForm({ childId, onSaved }: { childId: string; onSaved: (voice: ChildVoice) => void }) {
  const { t } = useTranslation();
  const [scoredOn, setScoredOn] = useState(todayIso());
  const [rows, setRows] = useState([{ topic: t('childVoice.defaultTopic'), score: 0, comment: '' }]);
  const [error, setError] = useState<ApiError | null>(null);
  const errors = pathErrors(t, error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      onSaved(await childVoiceApi.addScores(childId, {
        scoredOn, scores: rows.map((r) => ({ topic: r.topic, score: r.score, comment: r.comment || null })),
      }));
      setRows([{ topic: t('childVoice.defaultTopic'), score: 0, comment: '' }]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="plan-subgroup">
      <h3>{t('childVoice.addScores')}</h3>
      <p>{t('childVoice.scoresIntro')}</p>
      <PlanErrors error={error} />
      <div className={`form-group${errors.at('scoredOn') ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor={pathId('scoredOn')}>{t('childVoice.date')}</label>
        {errors.at('scoredOn') && <span className="form-error-message" id={`${pathId('scoredOn')}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{errors.at('scoredOn')}</span>}
        <input id={pathId('scoredOn')} type="date" className="form-input" value={scoredOn} onChange={(e) => setScoredOn(e.target.value)}
          aria-invalid={errors.at('scoredOn') ? true : undefined} aria-describedby={errors.at('scoredOn') ? `${pathId('scoredOn')}-error` : undefined} />
      </div>
      {rows.map((row, i) => {
        const p = `scores.${i}`;
        const scoreError = errors.at(`${p}.score`);
        const topicError = errors.at(`${p}.topic`);
        return (
          <div key={i} className="plan-row">
            <div className={`form-group${topicError ? ' form-error' : ''}`}>
              <label className="form-label" htmlFor={pathId(`${p}.topic`)}>{t('childVoice.topicN', { number: i + 1 })}</label>
              {topicError && <span className="form-error-message" id={`${pathId(`${p}.topic`)}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{topicError}</span>}
              <input id={pathId(`${p}.topic`)} className="form-input" value={row.topic} onChange={(e) => update(i, { topic: e.target.value })}
                aria-invalid={topicError ? true : undefined} aria-describedby={topicError ? `${pathId(`${p}.topic`)}-error` : undefined} />
            </div>
            <div className={`form-group${scoreError ? ' form-error' : ''}`}>
              <fieldset aria-describedby={scoreError ? `${pathId(`${p}.score`)}-error` : undefined}>
                <legend className="form-label">{t('childVoice.smileyFor', { topic: row.topic || t('childVoice.topicN', { number: i + 1 }) })}</legend>
                {scoreError && <span className="form-error-message" id={`${pathId(`${p}.score`)}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{scoreError}</span>}
                {[1, 2, 3, 4, 5].map((score) => {
                  const id = score === 1 ? pathId(`${p}.score`) : `${pathId(`${p}.score`)}-${score}`;
                  return (
                    <div className="form-group-radio" key={score}>
                      <input type="radio" className="form-radio" id={id} name={`score-${i}`} checked={row.score === score} onChange={() => update(i, { score })} />
                      <label htmlFor={id}><Smiley score={score} /></label>
                    </div>
                  );
                })}
              </fieldset>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor={pathId(`${p}.comment`)}>{t('childVoice.comment')} <span className="weight-normal">{t('app.optional')}</span></label>
              <input id={pathId(`${p}.comment`)} className="form-input" value={row.comment} onChange={(e) => update(i, { comment: e.target.value })} />
            </div>
            {rows.length > 1 && (
              <button type="button" className="button button-tertiary" onClick={() => setRows(rows.filter((_, k) => k !== i))}>{t('childVoice.removeTopic', { number: i + 1 })}</button>
            )}
          </div>
        );
      })}
      <p><button type="button" className="button button-secondary" onClick={() => setRows([...rows, { topic: '', score: 0, comment: '' }])}>{t('childVoice.addTopic')}</button></p>
      <button type="submit" className="button button-primary">{t('childVoice.saveScores')}</button>
    </form>
  );
}
