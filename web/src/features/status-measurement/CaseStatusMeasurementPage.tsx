import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { referenceApi } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { staffOptions } from '../case/staffOptions';
import { statusMeasurementApi, type CaseStatusMeasurement, type Definition, type Measurement } from './api';
import { formatDate, formatMean, quarterLabel } from './format';

/** The rating form: one 1-6 choice per index question, grouped by core element. */
function RatingForm({ view, onSaved }: { view: CaseStatusMeasurement; onSaved: (m: Measurement, text: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const definition = view.definition!;
  const current = view.current;
  const form = useApiForm();
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries((current?.answers ?? []).map((a) => [a.questionKey, String(a.score)])));
  const labels: Record<string, string> = Object.fromEntries(definition.elements.flatMap((e) => e.questions.map((q) => [q.key, en ? q.en : q.da])));
  const scaleText = (n: number) => {
    const label = view.scale.labels[en ? 'en' : 'da']?.[String(n)];
    return label ? `${n} – ${label}` : String(n);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const answers = Object.entries(scores).map(([questionKey, score]) => ({ questionKey, score: Number(score) }));
      const saved = current ? await statusMeasurementApi.update(current.id, answers, current.version) : await statusMeasurementApi.submit(view.caseId, answers);
      onSaved(saved, current ? t('statusMeasurement.updated') : t('statusMeasurement.submitted'));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      {definition.elements.map((element) => (
        <fieldset key={element.key} className="mb-6">
          <legend className="h2">{t('statusMeasurement.elementHeading', { no: element.number, name: en ? element.nameEn : element.nameDa })}</legend>
          {element.questions.map((q) => (
            <ChoiceGroup key={q.key} name={q.key} legend={en ? q.en : q.da} error={form.fieldError(q.key)}
              hint={q.wording === 'tovholder' ? t('statusMeasurement.wordingHint', { source: q.source }) : undefined}>
              {Array.from({ length: view.scale.max - view.scale.min + 1 }, (_, i) => view.scale.min + i).map((n, i) => (
                <Radio key={n} name={q.key} value={String(n)} label={scaleText(n)} checked={scores[q.key] === String(n)} first={i === 0}
                  onChange={(v) => setScores((all) => ({ ...all, [q.key]: v }))} />
              ))}
            </ChoiceGroup>
          ))}
        </fieldset>
      ))}
      <SubmitRow label={current ? t('statusMeasurement.saveChanges') : t('statusMeasurement.submit')} submitting={form.submitting} />
    </form>
  );
}

/** A leader of the case's department adds another staff member as rater (004:4899-4905: rate together with partners). */
function AddRaterForm({ view, onAdded }: { view: CaseStatusMeasurement; onAdded: (v: CaseStatusMeasurement) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const references = useResource(() => Promise.all([referenceApi.staff(), referenceApi.departments()]), 'status-measurement-staff');
  const [userId, setUserId] = useState('');
  const [staff, departments] = references.data ?? [[], []];
  const already = new Set(view.raters.map((r) => r.userId));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      onAdded(await statusMeasurementApi.addRater(view.caseId, userId));
      setUserId('');
    });
  };
  if (references.error) return <LoadError error={references.error} />;
  return (
    <form onSubmit={onSubmit} noValidate>
      <h3>{t('statusMeasurement.addRaterHeading')}</h3>
      <FormErrors form={form} labels={{ userId: t('statusMeasurement.rater') }} />
      <SelectField name="userId" label={t('statusMeasurement.rater')} hint={t('statusMeasurement.addRaterHint')} value={userId} onChange={setUserId}
        options={staffOptions(staff.filter((s) => !already.has(s.id)), departments)} error={form.fieldError('userId')} />
      <SubmitRow label={t('statusMeasurement.addRater')} submitting={form.submitting} />
    </form>
  );
}

function MeansTable({ definition, measurements, caption }: { definition: Definition; measurements: Measurement[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <ResponsiveTable>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('statusMeasurement.quarter')}</th>
          {definition.elements.map((e) => <th key={e.key} scope="col">{en ? e.nameEn : e.nameDa}</th>)}
        </tr>
      </thead>
      <tbody>
        {measurements.map((m) => (
          <tr key={m.id}>
            <th scope="row">{quarterLabel(m.quarter, i18n.language)}</th>
            {definition.elements.map((e) => <td key={e.key}>{formatMean(m.elementMeans.find((x) => x.elementKey === e.key)?.mean ?? null, i18n.language)}</td>)}
          </tr>
        ))}
      </tbody>
    </ResponsiveTable>
  );
}

/** /cases/:caseId/status-measurement — the quarterly rating of the model's four core elements (issue 9 item 7). */
export function CaseStatusMeasurementPage() {
  const { caseId = '' } = useParams();
  const { t, i18n } = useTranslation();
  usePageTitle(t('statusMeasurement.caseTitle'));
  const view = useResource(() => statusMeasurementApi.forCase(caseId), `status-measurement-${caseId}`);
  const [message, setMessage] = useState<string | null>(null);
  const data = view.data;
  return (
    <>
      <Breadcrumbs items={[
        { label: data ? t('statusMeasurement.caseCrumb', { number: data.caseNumber }) : t('statusMeasurement.caseCrumbPlain'), to: `/cases/${caseId}` },
        { label: t('statusMeasurement.caseTitle') },
      ]} />
      <h1>{t('statusMeasurement.caseTitle')}</h1>
      {view.loading && !data && <Loading />}
      {view.error && <LoadError error={view.error} />}
      {data && (
        <>
          <p>{t('statusMeasurement.caseIntro', { child: data.childName, number: data.caseNumber })}</p>
          <p>{t('statusMeasurement.dueText', { quarter: quarterLabel(data.due.quarter, i18n.language), date: formatDate(data.due.dueBy, i18n.language) })}</p>
          <p className="form-hint">{t('statusMeasurement.sourceNote')}</p>
          {message && <Alert variant="success" live>{message}</Alert>}
          {data.definition === null && <Alert variant="info">{t('statusMeasurement.noQuestionnaire')}</Alert>}
          {data.current && (
            <p>{t('statusMeasurement.alreadyRated', { date: formatDate(data.current.updatedAt.slice(0, 10), i18n.language) })}</p>
          )}
          {data.definition && data.abilities.canRate && (!data.current || data.current.abilities.canEdit) && (
            <RatingForm key={`${data.current?.id ?? 'new'}-${data.current?.version ?? 0}`} view={data}
              onSaved={(_saved, text) => { setMessage(text); view.reload(); }} />
          )}
          {!data.abilities.canRate && data.definition && <Alert variant="info">{t('statusMeasurement.notRater')}</Alert>}
          <h2>{t('statusMeasurement.ratersHeading')}</h2>
          <ResponsiveTable>
            <caption>{t('statusMeasurement.ratersCaption', { quarter: quarterLabel(data.due.quarter, i18n.language) })}</caption>
            <thead>
              <tr><th scope="col">{t('statusMeasurement.rater')}</th><th scope="col">{t('statusMeasurement.relation')}</th><th scope="col">{t('statusMeasurement.rated')}</th></tr>
            </thead>
            <tbody>
              {data.raters.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">{r.name}</th>
                  <td>{t(`statusMeasurement.relations.${r.relation as 'assignment' | 'core_team' | 'added_by_leader'}`)}</td>
                  <td>{r.rated ? t('statusMeasurement.yes') : t('statusMeasurement.no')}</td>
                </tr>
              ))}
            </tbody>
          </ResponsiveTable>
          {data.abilities.canAddRaters && <AddRaterForm view={data} onAdded={(v) => { view.setData(v); setMessage(t('statusMeasurement.raterAdded')); }} />}
          {data.definition && (data.current || data.history.length > 0) && (
            <>
              <h2>{t('statusMeasurement.myHistory')}</h2>
              <MeansTable definition={data.definition} measurements={[...(data.current ? [data.current] : []), ...data.history]} caption={t('statusMeasurement.myHistoryCaption')} />
            </>
          )}
          <p><Link to="/status-measurements">{t('statusMeasurement.toOverview')}</Link></p>
        </>
      )}
    </>
  );
}
