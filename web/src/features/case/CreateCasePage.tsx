import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { caseApi, familyApi, referenceApi } from '../../api/endpoints';
import { leadRoleOf, type CaseModel, type Department, type Family, type Staff } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { todayIso } from '../../lib/format';
import { useUser } from '../../session/useSession';
import { staffOptions } from './staffOptions';

interface Loaded { family: Family; departments: Department[]; staff: Staff[] }

function CreateCaseForm({ family, departments, staff, childId: initialChild }: Loaded & { childId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const form = useApiForm();
  const openChildren = new Set(family.cases.filter((c) => c.status !== 'closed').map((c) => c.childId));
  const children = family.members.filter((m) => m.relation === 'child' && !openChildren.has(m.person.id));
  const [childId, setChildId] = useState(children.some((c) => c.person.id === initialChild) ? initialChild : children[0]?.person.id ?? '');
  const [model, setModel] = useState<CaseModel | ''>('');
  const [openedOn, setOpenedOn] = useState(todayIso());
  const [departmentId, setDepartmentId] = useState(departments.some((d) => d.id === user.departmentId) ? user.departmentId ?? '' : '');
  const [leadUserId, setLeadUserId] = useState(staff.some((s) => s.id === user.id) ? user.id : '');
  const leadLabel = model ? t(`assignmentRole.${leadRoleOf[model]}`) : t('caseForm.lead');
  const labels = {
    childId: t('caseForm.child'), model: t('caseForm.model'), openedOn: t('caseForm.openedOn'),
    responsibleDepartmentId: t('caseForm.department'), leadUserId: leadLabel,
  };

  if (children.length === 0) return <Alert variant="info">{t('caseForm.noChildren')}</Alert>;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const created = await caseApi.create({
        familyId: family.id,
        childId,
        model: model as CaseModel,
        openedOn,
        responsibleDepartmentId: departmentId,
        leadUserId: leadUserId || undefined,
      });
      await navigate(`/cases/${created.id}`, { state: { flash: t('caseForm.created', { number: created.caseNumber }), familyName: family.name } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField
        name="childId" label={labels.childId} value={childId} onChange={setChildId} placeholder={false}
        options={children.map((c) => ({ value: c.person.id, label: `${c.person.firstName} ${c.person.lastName}` }))}
        error={form.fieldError('childId')}
      />
      <ChoiceGroup name="model" legend={labels.model} error={form.fieldError('model')}>
        <Radio name="model" value="efei" first label={t('model.efei')} hint={t('caseForm.efeiHint')} checked={model === 'efei'} onChange={() => setModel('efei')} />
        <Radio name="model" value="sof" label={t('model.sof')} hint={t('caseForm.sofHint')} checked={model === 'sof'} onChange={() => setModel('sof')} />
      </ChoiceGroup>
      <TextField name="openedOn" label={labels.openedOn} type="date" className="input-width-s" value={openedOn} onChange={setOpenedOn} error={form.fieldError('openedOn')} />
      <SelectField
        name="responsibleDepartmentId" label={labels.responsibleDepartmentId} value={departmentId} onChange={setDepartmentId}
        options={departments.map((d) => ({ value: d.id, label: d.name }))} error={form.fieldError('responsibleDepartmentId')}
      />
      <SelectField
        name="leadUserId" label={leadLabel} hint={t('caseForm.leadHint')} value={leadUserId} onChange={setLeadUserId}
        options={staffOptions(staff, departments)} error={form.fieldError('leadUserId')}
      />
      <SubmitRow label={t('caseForm.submit')} submitting={form.submitting} cancelTo={`/families/${family.id}`} />
    </form>
  );
}

async function load(familyId: string): Promise<Loaded> {
  const [family, departments, staff] = await Promise.all([familyApi.get(familyId), referenceApi.departments(), referenceApi.staff()]);
  return { family, departments, staff };
}

/** Open a case for a child: model (EFEI/SOF), date, responsible department and the family's contact person. */
export function CreateCasePage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const [params] = useSearchParams();
  const resource = useResource(() => load(familyId), familyId);
  const data = resource.data;
  const child = data?.family.members.find((m) => m.person.id === params.get('child'))?.person;
  const title = child ? t('caseForm.titleFor', { name: `${child.firstName} ${child.lastName}` }) : t('caseForm.title');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          { label: data?.family.name ?? t('family.title'), to: `/families/${familyId}` },
          { label: t('caseForm.title') },
        ]}
      />
      <h1>{title}</h1>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && <CreateCaseForm {...data} childId={params.get('child') ?? ''} />}
    </>
  );
}
