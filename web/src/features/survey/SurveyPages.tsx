import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { errorText } from '../../lib/labels';
import { PortalShell } from '../family-portal/PortalShell';
import { surveyApi, type Instrument, type InstrumentView, type MyInvitation, type Phase, type SurveyModel, type Wave } from './api';
import { SurveyForm } from './SurveyForm';
import './survey.css';

const percent = (rate: number | null, language: string) =>
  rate === null ? '–' : rate.toLocaleString(language === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 });

function SurveyNav() {
  const { t } = useTranslation();
  return (
    <ul className="nobullet-list survey-subnav">
      <li><Link to="/survey-results">{t('survey.results.title')}</Link></li>
      <li><Link to="/surveys/waves">{t('survey.waves.title')}</Link></li>
      <li><Link to="/surveys/instruments">{t('survey.instruments.title')}</Link></li>
    </ul>
  );
}

/** The admin view of the instruments (issue 10 item 1): themes and items, Danish text and English gloss, the scale with inferred labels marked. */
export function SurveyInstrumentsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('survey.instruments.title'));
  const [instrument, setInstrument] = useState<Instrument>('parent');
  const view = useResource(() => surveyApi.instrument(instrument), `survey-instrument-${instrument}`);
  const [published, setPublished] = useState<string | null>(null);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'da-DK');
  return (
    <>
      <h1>{t('survey.instruments.title')}</h1>
      <SurveyNav />
      <p>{t('survey.instruments.intro')}</p>
      {published && <Alert variant="success" live>{published}</Alert>}
      <div className="form-group">
        <label className="form-label" htmlFor="survey-instrument">{t('survey.instrument')}</label>
        <select className="form-select" id="survey-instrument" value={instrument} onChange={(e) => setInstrument(e.target.value as Instrument)}>
          <option value="parent">{t('survey.instruments.parent')}</option>
          <option value="staff">{t('survey.instruments.staff')}</option>
        </select>
      </div>
      {view.error && <LoadError error={view.error} />}
      {view.loading && !view.data && <Loading />}
      {view.data && (
        <>
          <p>{t('survey.instruments.version', { no: view.data.version.versionNo, date: date(view.data.version.publishedAt), count: view.data.version.itemCount })} {view.data.version.note}</p>
          <h2>{t('survey.instruments.scale')}</h2>
          <ResponsiveTable>
            <caption>{t('survey.instruments.scaleCaption')}</caption>
            <thead><tr><th scope="col">{t('survey.instruments.value')}</th><th scope="col">{t('survey.instruments.labelDa')}</th><th scope="col">{t('survey.instruments.labelEn')}</th><th scope="col">{t('survey.instruments.origin')}</th></tr></thead>
            <tbody>
              {view.data.scale.map((s) => (
                <tr key={s.value}><th scope="row">{s.value}</th><td>{s.da}</td><td>{s.en}</td><td>{s.inferred ? t('survey.instruments.inferred') : t('survey.instruments.printed')}</td></tr>
              ))}
              <tr><th scope="row">–</th><td>{view.data.dontKnow.da}</td><td>{view.data.dontKnow.en}</td><td>{t('survey.instruments.dontKnowNote')}</td></tr>
            </tbody>
          </ResponsiveTable>
          {view.data.themes.map((theme) => (
            <section key={theme.key}>
              <h2>{theme.titleDa} <span className="font-lead">({theme.titleEn})</span></h2>
              <ResponsiveTable>
                <caption>{t('survey.instruments.itemsCaption', { theme: theme.titleDa })}</caption>
                <thead><tr><th scope="col">{t('survey.instruments.key')}</th><th scope="col">{t('survey.instruments.textDa')}</th><th scope="col">{t('survey.instruments.textEn')}</th><th scope="col">{t('survey.instruments.origin')}</th></tr></thead>
                <tbody>
                  {theme.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">{item.key}</th><td>{item.textDa}</td><td>{item.textEn}</td>
                      <td>{item.origin === 'national' ? `${t('survey.instruments.national')}${item.source ? ` (${item.source})` : ''}` : t('survey.instruments.municipal')}</td>
                    </tr>
                  ))}
                </tbody>
              </ResponsiveTable>
            </section>
          ))}
          {view.data.abilities.canEdit && (
            <AddItemForm view={view.data} onPublished={(no) => { setPublished(t('survey.instruments.published', { no })); view.reload(); }} />
          )}
        </>
      )}
    </>
  );
}

/**
 * Issue 10 item 1: the municipality adds its own question as a new version of the instrument (one at a time here;
 * the API takes up to 40). The server prefixes the key and refuses a re-used key with another text.
 */
function AddItemForm({ view, onPublished }: { view: InstrumentView; onPublished: (versionNo: number) => void }) {
  const { t } = useTranslation();
  const [themeKey, setThemeKey] = useState(view.themes[0]?.key ?? '');
  const [key, setKey] = useState('');
  const [kind, setKind] = useState<'scale' | 'free_text'>('scale');
  const [textDa, setTextDa] = useState('');
  const [textEn, setTextEn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    surveyApi.publishVersion({ instrument: view.instrument, note, basedOnVersion: view.version.versionNo, items: [{ key, themeKey, kind, textDa, textEn }] })
      .then((published) => { setKey(''); setTextDa(''); setTextEn(''); setNote(''); onPublished(published.version.versionNo); }, (e: ApiError) => setError(e));
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>{label}</label>
      <input className="form-input" id={id} value={value} onChange={(e) => set(e.target.value)} />
    </div>
  );
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('survey.instruments.addHeading')}</h2>
      <p>{t('survey.instruments.addIntro')}</p>
      {error && <Alert variant="error" live>{errorText(t, error.code, error.message)}{error.details.map((d) => ` ${d.message}`).join('')}</Alert>}
      <div className="form-group">
        <label className="form-label" htmlFor="item-theme">{t('survey.instruments.theme')}</label>
        <select className="form-select" id="item-theme" value={themeKey} onChange={(e) => setThemeKey(e.target.value)}>
          {view.themes.map((theme) => <option key={theme.key} value={theme.key}>{theme.titleDa}</option>)}
        </select>
      </div>
      {field('item-key', t('survey.instruments.itemKey'), key, setKey)}
      <div className="form-group">
        <label className="form-label" htmlFor="item-kind">{t('survey.instruments.kind')}</label>
        <select className="form-select" id="item-kind" value={kind} onChange={(e) => setKind(e.target.value as 'scale' | 'free_text')}>
          <option value="scale">{t('survey.instruments.kindScale')}</option>
          <option value="free_text">{t('survey.instruments.kindFreeText')}</option>
        </select>
      </div>
      {field('item-text-da', t('survey.instruments.itemTextDa'), textDa, setTextDa)}
      {field('item-text-en', t('survey.instruments.itemTextEn'), textEn, setTextEn)}
      {field('item-note', t('survey.instruments.note'), note, setNote)}
      <button type="submit" className="button button-primary">{t('survey.instruments.publish')}</button>
    </form>
  );
}

/** Waves and live response rates (issue 10 item 2); leaders create waves, invite, remind and close. */
export function SurveyWavesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('survey.waves.title'));
  const waves = useResource(() => surveyApi.waves(), 'survey-waves');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const act = (work: () => Promise<string>) => {
    setError(null);
    work().then((text) => { setMessage(text); waves.reload(); }, (e: ApiError) => setError(e));
  };
  return (
    <>
      <h1>{t('survey.waves.title')}</h1>
      <SurveyNav />
      <p>{t('survey.waves.intro')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {error && <Alert variant="error" live>{errorText(t, error.code, error.message)}</Alert>}
      {waves.error && <LoadError error={waves.error} />}
      {waves.loading && !waves.data && <Loading />}
      {waves.data && (
        <ResponsiveTable>
          <caption>{t('survey.waves.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('survey.waves.series')}</th><th scope="col">{t('survey.instrument')}</th><th scope="col">{t('survey.model')}</th>
              <th scope="col">{t('survey.waves.phase')}</th><th scope="col">{t('survey.waves.period')}</th><th scope="col">{t('survey.waves.invited')}</th>
              <th scope="col">{t('survey.waves.responded')}</th><th scope="col">{t('survey.waves.rate')}</th>
              {waves.data.abilities.canManage && <th scope="col">{t('survey.waves.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {waves.data.waves.map((w: Wave) => (
              <tr key={w.id}>
                <th scope="row">{w.series}</th><td>{t(`survey.instruments.${w.instrument}`)}</td><td>{w.model.toUpperCase()}</td>
                <td>{t(`survey.phases.${w.phase}`)}{w.mode === 'continuous' ? ` (${t('survey.waves.continuous')})` : ''}</td>
                <td>{w.opensOn} – {w.closesOn ?? ''} {w.open ? t('survey.waves.open') : t('survey.waves.closed')}</td>
                <td>{w.invited}</td><td>{w.responded}</td><td>{percent(w.responseRate, i18n.language)}</td>
                {waves.data!.abilities.canManage && (
                  <td>
                    {w.open && w.mode === 'fixed' && (
                      <button type="button" className="button button-secondary" onClick={() => act(async () => t('survey.waves.invitedMessage', { count: (await surveyApi.invite(w.id)).invited }))}>
                        {t('survey.waves.invite')}<span className="sr-only"> {w.series} {t(`survey.phases.${w.phase}`)}</span>
                      </button>
                    )}
                    {w.open && (
                      <button type="button" className="button button-secondary" onClick={() => act(async () => t('survey.waves.remindedMessage', { count: (await surveyApi.remind(w.id)).reminded }))}>
                        {t('survey.waves.remind')}<span className="sr-only"> {w.series} {t(`survey.phases.${w.phase}`)}</span>
                      </button>
                    )}
                    {w.open && (
                      <button type="button" className="button button-unstyled" onClick={() => act(async () => { await surveyApi.close(w.id, w.version); return t('survey.waves.closedMessage'); })}>
                        {t('survey.waves.close')}<span className="sr-only"> {w.series} {t(`survey.phases.${w.phase}`)}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {waves.data?.abilities.canManage && (
        <>
          <p><button type="button" className="button button-secondary" onClick={() => act(async () => t('survey.waves.continuousMessage', { count: (await surveyApi.runContinuous()).invited }))}>{t('survey.waves.runContinuous')}</button></p>
          <NewWaveForm onCreated={() => { setMessage(t('survey.waves.created')); waves.reload(); }} />
        </>
      )}
    </>
  );
}

function NewWaveForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [instrument, setInstrument] = useState<Instrument>('parent');
  const [model, setModel] = useState<SurveyModel>('efei');
  const [mode, setMode] = useState<'fixed' | 'continuous'>('fixed');
  const [phase, setPhase] = useState<Phase>('baseline');
  const [series, setSeries] = useState('');
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    surveyApi.createWave({ instrument, model, mode, phase: mode === 'fixed' ? phase : null, series, opensOn, closesOn: closesOn || null })
      .then(onCreated, (e: ApiError) => setError(e));
  };
  const select = (id: string, label: string, value: string, set: (v: string) => void, options: Array<[string, string]>) => (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>{label}</label>
      <select className="form-select" id={id} value={value} onChange={(e) => set(e.target.value)}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t('survey.waves.newHeading')}</h2>
      {error && <Alert variant="error" live>{errorText(t, error.code, error.message)}{error.details.map((d) => ` ${d.message}`).join('')}</Alert>}
      {select('wave-instrument', t('survey.instrument'), instrument, (v) => setInstrument(v as Instrument), [['parent', t('survey.instruments.parent')], ['staff', t('survey.instruments.staff')]])}
      {select('wave-model', t('survey.model'), model, (v) => setModel(v as SurveyModel), [['efei', 'EFEI'], ['sof', 'SOF']])}
      {select('wave-mode', t('survey.waves.mode'), mode, (v) => setMode(v as 'fixed' | 'continuous'), [['fixed', t('survey.waves.fixed')], ['continuous', t('survey.waves.continuous')]])}
      {mode === 'fixed' && select('wave-phase', t('survey.waves.phase'), phase, (v) => setPhase(v as Phase), [['baseline', t('survey.phases.baseline')], ['midway', t('survey.phases.midway')], ['end', t('survey.phases.end')]])}
      <div className="form-group">
        <label className="form-label" htmlFor="wave-series">{t('survey.waves.series')}</label>
        <input className="form-input" id="wave-series" value={series} onChange={(e) => setSeries(e.target.value)} />
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="wave-opens">{t('survey.waves.opensOn')}</label>
        <input className="form-input input-width-s" id="wave-opens" type="date" value={opensOn} onChange={(e) => setOpensOn(e.target.value)} />
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor="wave-closes">{t('survey.waves.closesOn')}</label>
        <input className="form-input input-width-s" id="wave-closes" type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} />
      </div>
      <button type="submit" className="button button-primary">{t('survey.waves.create')}</button>
    </form>
  );
}

function InvitationList({ invitations, to }: { invitations: MyInvitation[]; to: (id: string) => string }) {
  const { t } = useTranslation();
  if (invitations.length === 0) return <p>{t('survey.answer.none')}</p>;
  return (
    <ul>
      {invitations.map((i) => (
        <li key={i.id}>
          {i.answered ? `${t(`survey.instruments.${i.instrument}`)} (${i.series}, ${t(`survey.phases.${i.phase}`)}): ${t('survey.answer.answered')}`
            : <Link to={to(i.id)}>{t('survey.answer.open', { instrument: t(`survey.instruments.${i.instrument}`), series: i.series, phase: t(`survey.phases.${i.phase}`) })}</Link>}
        </li>
      ))}
    </ul>
  );
}

/** The staff survey, answered in the app (issue 10 item 2). */
export function StaffSurveyPage() {
  const { t } = useTranslation();
  const { invitationId } = useParams();
  usePageTitle(t('survey.answer.staffTitle'));
  const list = useResource(() => surveyApi.myInvitations(), 'survey-my');
  const form = useResource(() => (invitationId ? surveyApi.staffQuestionnaire(invitationId) : Promise.resolve(null)), `survey-staff-${invitationId ?? ''}`);
  return (
    <>
      <h1>{t('survey.answer.staffTitle')}</h1>
      {!invitationId && list.data && <InvitationList invitations={list.data.invitations} to={(id) => `/surveys/answer/${id}`} />}
      {list.error && <LoadError error={list.error} />}
      {form.error && <LoadError error={form.error} />}
      {invitationId && !form.data && !form.error && <Loading />}
      {invitationId && form.data && <SurveyForm questionnaire={form.data} onSubmit={async (answers) => { await surveyApi.staffAnswer(invitationId, answers); }} />}
    </>
  );
}

/** The parent survey in the family portal (issue 10 item 2). */
export function PortalSurveyPage() {
  const { t } = useTranslation();
  return <PortalShell title={t('survey.answer.portalTitle')}><PortalSurvey /></PortalShell>;
}

function PortalSurvey() {
  const { invitationId } = useParams();
  const list = useResource(() => surveyApi.portalInvitations(), 'portal-surveys');
  const form = useResource(() => (invitationId ? surveyApi.portalQuestionnaire(invitationId) : Promise.resolve(null)), `portal-survey-${invitationId ?? ''}`);
  if (!invitationId) {
    if (list.error) return <LoadError error={list.error} />;
    return list.data ? <InvitationList invitations={list.data.invitations} to={(id) => `/portal/surveys/${id}`} /> : <Loading />;
  }
  if (form.error) return <LoadError error={form.error} />;
  if (!form.data) return <Loading />;
  return <SurveyForm questionnaire={form.data} onSubmit={async (answers) => { await surveyApi.portalAnswer(invitationId, answers); }} />;
}

/** The one-time link from the e-mail (issue 10 item 2): a public page, no login; the token goes to the API in the body. */
export function SurveyLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  usePageTitle(t('survey.answer.portalTitle'));
  const form = useResource(() => surveyApi.linkQuestionnaire(token), `survey-link-${token}`);
  return (
    <>
      <h1>{t('survey.answer.portalTitle')}</h1>
      {form.error && (form.error.status === 404 ? <Alert variant="error">{t('survey.answer.linkUnknown')}</Alert> : <LoadError error={form.error} />)}
      {!form.data && !form.error && <Loading />}
      {form.data && <SurveyForm questionnaire={form.data} onSubmit={async (answers) => { await surveyApi.linkAnswer(token, answers); }} />}
    </>
  );
}

/** On the portal's front page: a card when the family has a survey to answer (issue 10 item 2), nothing otherwise. */
export function PortalSurveyCard() {
  const { t } = useTranslation();
  const list = useResource(() => surveyApi.portalInvitations(), 'portal-surveys-card');
  const open = list.data?.invitations.filter((i) => !i.answered) ?? [];
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="portal-survey" className="mt-7">
      <h2 id="portal-survey">{t('survey.answer.portalTitle')}</h2>
      <p>{t('survey.answer.anonymous')}</p>
      <p><Link className="button button-secondary" to="/portal/surveys">{t('survey.answer.cardLink')}</Link></p>
    </section>
  );
}
