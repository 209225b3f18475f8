import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi, referenceApi } from '../../api/endpoints';
import type { Case, LegalBasis } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull, todayIso } from '../../lib/format';
import { legalBasisOptions } from '../measure/legalBasisOptions';
import { amountPeriods, decisionApi, decisionOutcomes, type AmountPeriod, type DecisionOutcome } from './api';
import { ChildViewsFields, childViewsBody, childViewsLabels, emptyChildViews, type ChildViewsValues } from './ChildViewsFields';
import { parseAmount } from './format';
import { ApiError } from '../../api/client';
import { coreDecisionApi, competenceCodes, type CompetenceCode, type DecisionCompetence } from '../core-decision/api';
import { CompetenceHint } from '../core-decision/CompetenceHint';

interface Loaded { item: Case; legalBases: LegalBasis[]; competence: DecisionCompetence | null }

/**
 * Records a decision. The server checks every duty (src/modules/decision/rules.ts): the child's views or the reason
 * they were not obtained (Barnets Lov §5), the yearly §86 threshold / §87 cap; this form only collects and shows them.
 */
function DecisionForm({ item, legalBases, competence }: Loaded) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>('');
  const [legalBasisId, setLegalBasisId] = useState('');
  const [measureIds, setMeasureIds] = useState<string[]>([]);
  const [reasoning, setReasoning] = useState('');
  const [amount, setAmount] = useState('');
  const [amountPeriod, setAmountPeriod] = useState('');
  const [childViews, setChildViews] = useState<ChildViewsValues>(emptyChildViews);
  const [bisidderToldOn, setBisidderToldOn] = useState('');
  const [refusal, setRefusal] = useState<CompetenceCode | null>(null);

  const labels: Record<string, string> = {
    decidedOn: t('decision.decidedOn'), outcome: t('decision.outcome'), legalBasisId: t('decision.legalBasis'), measureIds: t('decision.measures'),
    reasoning: t('decision.reasoning'), amountDkk: t('decision.amount'), amountPeriod: t('decision.amountPeriod'),
    ...childViewsLabels(t), bisidderToldOn: t('decision.bisidderToldOn'),
    // "measureIds.1" is reported by the position in the list sent.
    ...Object.fromEntries(measureIds.map((id, i) => [String(i), item.measures.find((m) => m.id === id)?.description ?? t('decision.measures')])),
  };

  const toggleMeasure = (id: string) => (checked: boolean) =>
    setMeasureIds((current) => (checked ? [...current, id] : current.filter((x) => x !== id)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    void form.run(async () => {
      const parsed = parseAmount(amount);
      // Issue 8 item 2: a grant outside the plan is refused naming who can; shown translated by CompetenceHint.
      const refused = (error: unknown) => {
        if (!(error instanceof ApiError && (competenceCodes as readonly string[]).includes(error.code))) throw error;
        setRefusal(error.code as CompetenceCode);
        return true as const;
      };
      const recorded = await decisionApi.record(item.id, {
        decidedOn, outcome: outcome as DecisionOutcome, legalBasisId, reasoning, measureIds,
        // A text that is not a number is sent as typed, so the API names the field.
        amountDkk: (parsed !== null && Number.isNaN(parsed) ? amount : parsed) as number | null,
        amountPeriod: (orNull(amountPeriod) as AmountPeriod | null),
        ...childViewsBody(childViews), bisidderToldOn: orNull(bisidderToldOn),
      }).catch(refused);
      if (recorded === true) return;
      await navigate(`/cases/${item.id}`, { state: { flash: t('decision.recorded') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <CompetenceHint caseId={item.id} competence={competence} legalBasisId={legalBasisId} refusal={refusal} />
      <TextField name="decidedOn" label={labels.decidedOn!} type="date" className="input-width-s" value={decidedOn} onChange={setDecidedOn} error={form.fieldError('decidedOn')} />
      <ChoiceGroup name="outcome" legend={labels.outcome!} error={form.fieldError('outcome')}>
        {decisionOutcomes.map((o, i) => (
          <Radio key={o} name="outcome" value={o} first={i === 0} label={t(`decision.outcomes.${o}`)} checked={outcome === o} onChange={(v) => setOutcome(v as DecisionOutcome)} />
        ))}
      </ChoiceGroup>
      <SelectField
        name="legalBasisId" label={labels.legalBasisId!} value={legalBasisId} onChange={setLegalBasisId}
        options={legalBasisOptions(legalBases, t, i18n.language)} error={form.fieldError('legalBasisId')}
      />
      {item.measures.length > 0 && (
        <ChoiceGroup name="measureIds" legend={labels.measureIds!} hint={t('decision.measuresHint')} error={form.fieldError('measureIds')}>
          {item.measures.map((m, i) => (
            <CheckboxField
              key={m.id} name="measureIds" id={i === 0 ? 'f-measureIds' : `f-measureIds-${m.id}`} label={`${m.legalBasisLabel} ${m.description}`}
              checked={measureIds.includes(m.id)} onChange={toggleMeasure(m.id)}
            />
          ))}
        </ChoiceGroup>
      )}
      <TextAreaField name="reasoning" label={labels.reasoning!} rows={4} value={reasoning} onChange={setReasoning} error={form.fieldError('reasoning')} />
      <TextField
        name="amountDkk" label={labels.amountDkk!} hint={t('decision.amountHint')} optional inputMode="text" className="input-width-s"
        value={amount} onChange={setAmount} error={form.fieldError('amountDkk')}
      />
      <SelectField
        name="amountPeriod" label={labels.amountPeriod!} optional value={amountPeriod} onChange={setAmountPeriod}
        options={amountPeriods.map((p) => ({ value: p, label: t(`decision.periods.${p}`) }))} error={form.fieldError('amountPeriod')}
      />
      <ChildViewsFields values={childViews} onChange={setChildViews} errors={form.fieldError} />
      <TextField
        name="bisidderToldOn" label={labels.bisidderToldOn!} hint={t('decision.bisidderHint')} type="date" optional className="input-width-s"
        value={bisidderToldOn} onChange={setBisidderToldOn} error={form.fieldError('bisidderToldOn')}
      />
      <SubmitRow label={t('decision.record')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

async function load(caseId: string): Promise<Loaded> {
  const [item, legalBases, competence] = await Promise.all([
    caseApi.get(caseId), referenceApi.legalBases(), coreDecisionApi.competence(caseId).catch(() => null),
  ]);
  return { item, legalBases, competence };
}

/** Record a decision (afgørelse) on a case. */
export function DecisionFormPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => load(caseId), caseId);
  const data = resource.data;
  const number = data?.item.caseNumber ?? '';
  const title = data ? t('decision.formTitle', { number }) : t('decision.record');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(data ? [{ label: t('case.title', { number }), to: `/cases/${caseId}` }] : []),
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && <DecisionForm {...data} />}
    </>
  );
}
