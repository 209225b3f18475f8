import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { caseApi, measureApi, referenceApi } from '../../api/endpoints';
import type { Case, Department, LegalBasis, Measure } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
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
import { legalBasisOptions } from './legalBasisOptions';
import { emptyDuties, MeasureDutiesFields, useDutyLabels, type DutyValues } from './MeasureDutiesFields';
import { RemoveMeasure } from './RemoveMeasure';
import { AwareOnField, ProvisionalAssessmentForm } from './InvestigationFields';
import { LawFollowUpForm } from './LawFollowUpForm';

interface Loaded { item: Case; legalBases: LegalBasis[]; departments: Department[] }

function MeasureForm({ item, legalBases, departments, measure, onReload }: Loaded & { measure?: Measure; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  // A §18 screening that led to a børnefaglig undersøgelse links here with the paragraph and the day of awareness.
  const [search] = useSearchParams();
  const [legalBasisId, setLegalBasisId] = useState(measure?.legalBasisId ?? search.get('legalBasisId') ?? '');
  const [awareOn, setAwareOn] = useState(measure?.awareOn ?? search.get('awareOn') ?? '');
  const [departmentId, setDepartmentId] = useState(measure?.departmentId ?? '');
  const [description, setDescription] = useState(measure?.description ?? '');
  const [startsOn, setStartsOn] = useState(measure?.startsOn ?? todayIso());
  const [endsOn, setEndsOn] = useState(measure?.endsOn ?? '');
  const [duties, setDuties] = useState<DutyValues>(() => (measure
    ? Object.fromEntries(Object.keys(emptyDuties).map((key) => [key, measure[key as keyof DutyValues] ?? ''])) as DutyValues
    : emptyDuties));
  const labels = {
    legalBasisId: t('measureForm.legalBasis'), departmentId: t('measureForm.department'), description: t('measureForm.description'),
    startsOn: t('measureForm.startsOn'), endsOn: t('measureForm.endsOn'), ...useDutyLabels(), awareOn: t('assessment.awareOn'),
  };
  // Barnets Lov support measures and placements carry the §32/§91 details (the server names what is missing).
  const basis = legalBases.find((b) => b.id === legalBasisId);
  const hasDuties = basis?.law === 'BL' && (basis.category === 'support_measure' || basis.category === 'placement');
  // Barnets Lov §20 stk. 3: a legal basis with a completion deadline needs the day the municipality became aware.
  const hasDeadline = basis?.completionMonths != null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const dutyInput = hasDuties ? {
        purpose: orNull(duties.purpose), expectedDuration: orNull(duties.expectedDuration), custodyConsentOn: orNull(duties.custodyConsentOn),
        childPlanDecision: (orNull(duties.childPlanDecision) as DutyValues['childPlanDecision'] | null) as 'made' | 'not_made' | null,
        childPlanDecidedOn: orNull(duties.childPlanDecidedOn), childPlanReason: orNull(duties.childPlanReason),
        childPlanCompletedOn: orNull(duties.childPlanCompletedOn),
      } : {};
      const input = { legalBasisId, departmentId, description, startsOn, endsOn: orNull(endsOn), ...dutyInput, ...(hasDeadline ? { awareOn: orNull(awareOn) } : {}) };
      if (measure) await measureApi.update(measure.id, { ...input, version: measure.version });
      else await measureApi.add(item.id, input);
      await navigate(`/cases/${item.id}`, { state: { flash: measure ? t('measureForm.saved') : t('measureForm.added') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onReload} />
      <SelectField
        name="legalBasisId" label={labels.legalBasisId} hint={t('measureForm.legalBasisHint')} value={legalBasisId} onChange={setLegalBasisId}
        options={legalBasisOptions(legalBases, t, i18n.language)} error={form.fieldError('legalBasisId')}
      />
      <SelectField
        name="departmentId" label={labels.departmentId} value={departmentId} onChange={setDepartmentId}
        options={departments.map((d) => ({ value: d.id, label: d.name }))} error={form.fieldError('departmentId')}
      />
      <TextAreaField name="description" label={labels.description} rows={3} value={description} onChange={setDescription} error={form.fieldError('description')} />
      <TextField name="startsOn" label={labels.startsOn} type="date" className="input-width-s" value={startsOn} onChange={setStartsOn} error={form.fieldError('startsOn')} />
      <TextField
        name="endsOn" label={labels.endsOn} type="date" optional hint={t('measureForm.endsOnHint')} className="input-width-s"
        value={endsOn} onChange={setEndsOn} error={form.fieldError('endsOn')}
      />
      {hasDeadline && <AwareOnField value={awareOn} onChange={setAwareOn} form={form} measure={measure} />}
      {hasDuties && (
        <MeasureDutiesFields
          values={duties} onChange={setDuties} form={form} dueOn={measure?.childPlanDueOn ?? null}
        />
      )}
      <SubmitRow label={measure ? t('measureForm.save') : t('measureForm.add')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

async function load(caseId: string): Promise<Loaded> {
  const [item, legalBases, departments] = await Promise.all([caseApi.get(caseId), referenceApi.legalBases(), referenceApi.departments()]);
  return { item, legalBases, departments };
}

/** Add a measure to a case, or edit or remove one (`measureId` in the route). */
export function MeasureFormPage() {
  const { t } = useTranslation();
  const { caseId = '', measureId } = useParams();
  const resource = useResource(() => load(caseId), caseId);
  const data = resource.data;
  const measure = measureId ? data?.item.measures.find((m) => m.id === measureId) : undefined;
  const number = data?.item.caseNumber ?? '';
  const title = !data ? (measureId ? t('case.editMeasure') : t('case.addMeasure'))
    : measureId ? t('measureForm.editTitle', { number }) : t('measureForm.addTitle', { number });
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
      {data && measureId && !measure && <Alert variant="warning">{t('measureForm.notFound')}</Alert>}
      {data && (!measureId || measure) && (
        <MeasureForm key={measure?.version ?? 'new'} {...data} measure={measure} onReload={resource.reload} />
      )}
      {measure && (measure.provisionalAssessmentAllowed || measure.provisionalAssessmentOn) && (
        <ProvisionalAssessmentForm key="provisional" measure={measure} onSaved={resource.reload} onReload={resource.reload} />
      )}
      {measure?.lawFollowUpApplies && <LawFollowUpForm key={`law-follow-up-${measure.version}`} measure={measure} onSaved={resource.reload} onReload={resource.reload} />}
      {measure && <RemoveMeasure key={`remove-${measure.version}`} measure={measure} onReload={resource.reload} />}
    </>
  );
}
