import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi, referenceApi } from '../../api/endpoints';
import type { Case, LegalBasis } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull } from '../../lib/format';
import { amountPeriods, type AmountPeriod } from '../decision/api';
import { ChildViewsFields, childViewsBody, childViewsLabels, emptyChildViews, type ChildViewsValues } from '../decision/ChildViewsFields';
import { parseAmount } from '../decision/format';
import { legalBasisOptions } from '../measure/legalBasisOptions';
import { coreDecisionApi, type DecisionCompetence } from './api';
import { routeText } from './competenceText';

interface Loaded { item: Case; legalBases: LegalBasis[]; competence: DecisionCompetence }

/** A proposal for the core team (issue 8 item 3): what a decision states; the server sends it where the plan says. */
function ProposalForm({ item, legalBases, competence }: Loaded) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [legalBasisId, setLegalBasisId] = useState('');
  const [measureIds, setMeasureIds] = useState<string[]>([]);
  const [reasoning, setReasoning] = useState('');
  const [amount, setAmount] = useState('');
  const [amountPeriod, setAmountPeriod] = useState('');
  const [childViews, setChildViews] = useState<ChildViewsValues>(emptyChildViews);
  const basis = competence.bases.find((b) => b.legalBasisId === legalBasisId);
  const labels: Record<string, string> = {
    legalBasisId: t('decision.legalBasis'), measureIds: t('decision.measures'), reasoning: t('decision.reasoning'), amountDkk: t('decision.amount'),
    amountPeriod: t('decision.amountPeriod'), ...childViewsLabels(t),
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const parsed = parseAmount(amount);
      const created = await coreDecisionApi.propose(item.id, {
        legalBasisId, reasoning, measureIds, amountDkk: (parsed !== null && Number.isNaN(parsed) ? amount : parsed) as number | null,
        amountPeriod: orNull(amountPeriod) as AmountPeriod | null, ...childViewsBody(childViews),
      });
      await navigate(`/proposals/${created.id}`, { state: { flash: t('coreDecision.proposed') } });
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="legalBasisId" label={labels.legalBasisId!} value={legalBasisId} onChange={setLegalBasisId}
        options={legalBasisOptions(legalBases, t, i18n.language)} error={form.fieldError('legalBasisId')} />
      {basis && <p>{routeText(t, basis)}</p>}
      {item.measures.length > 0 && (
        <ChoiceGroup name="measureIds" legend={labels.measureIds!} error={form.fieldError('measureIds')}>
          {item.measures.map((m, i) => (
            <CheckboxField key={m.id} name="measureIds" id={i === 0 ? 'f-measureIds' : `f-measureIds-${m.id}`} label={`${m.legalBasisLabel} ${m.description}`}
              checked={measureIds.includes(m.id)} onChange={(c) => setMeasureIds((cur) => (c ? [...cur, m.id] : cur.filter((x) => x !== m.id)))} />
          ))}
        </ChoiceGroup>
      )}
      <TextAreaField name="reasoning" label={labels.reasoning!} rows={4} value={reasoning} onChange={setReasoning} error={form.fieldError('reasoning')} />
      <TextField name="amountDkk" label={labels.amountDkk!} optional inputMode="text" className="input-width-s" value={amount} onChange={setAmount} error={form.fieldError('amountDkk')} />
      <SelectField name="amountPeriod" label={labels.amountPeriod!} optional value={amountPeriod} onChange={setAmountPeriod}
        options={amountPeriods.map((p) => ({ value: p, label: t(`decision.periods.${p}`) }))} error={form.fieldError('amountPeriod')} />
      <ChildViewsFields values={childViews} onChange={setChildViews} errors={form.fieldError} compact />
      <SubmitRow label={t('coreDecision.propose')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

async function load(caseId: string): Promise<Loaded> {
  const [item, legalBases, competence] = await Promise.all([caseApi.get(caseId), referenceApi.legalBases(), coreDecisionApi.competence(caseId)]);
  return { item, legalBases, competence };
}

export function ProposalFormPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => load(caseId), caseId);
  const number = resource.data?.item.caseNumber ?? '';
  const title = t('coreDecision.newProposalTitle', { number });
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.myFamilies'), to: '/' }, { label: t('case.title', { number }), to: `/cases/${caseId}` }, { label: title }]} />
      <h1>{title}</h1>
      {resource.loading && !resource.data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {resource.data && <ProposalForm {...resource.data} />}
    </>
  );
}
