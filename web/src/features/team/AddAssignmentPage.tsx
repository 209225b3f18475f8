import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi, referenceApi } from '../../api/endpoints';
import { leadRoleOf, type AssignmentRole, type Case, type Department, type Staff } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { todayIso } from '../../lib/format';
import { staffOptions } from '../case/staffOptions';

interface Loaded { item: Case; staff: Staff[]; departments: Department[] }

function AssignmentForm({ item, staff, departments }: Loaded) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  // The lead role follows the model: a SOF case has no family coordinator and an EFEI case no primary caseworker.
  // A new lead replaces the current one only through the handover with its note (issue 9 item 3): offered here only
  // while the case has no current lead.
  const roles: AssignmentRole[] = item.lead ? ['caseworker', 'buddy'] : [leadRoleOf[item.model], 'caseworker', 'buddy'];
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<AssignmentRole | ''>('');
  const [startsOn, setStartsOn] = useState(todayIso());
  const labels = { userId: t('assignmentForm.user'), role: t('assignmentForm.role'), startsOn: t('assignmentForm.startsOn') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await caseApi.addAssignment(item.id, { userId, role, startsOn });
      await navigate(`/cases/${item.id}`, { state: { flash: t('assignmentForm.saved') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="userId" label={labels.userId} value={userId} onChange={setUserId} options={staffOptions(staff, departments)} error={form.fieldError('userId')} />
      <SelectField
        name="role" label={labels.role} hint={t('assignmentForm.roleHint')} value={role} onChange={(value) => setRole(value as AssignmentRole | '')}
        options={roles.map((r) => ({ value: r, label: t(`assignmentRole.${r}`) }))} error={form.fieldError('role')}
      />
      <TextField name="startsOn" label={labels.startsOn} type="date" className="input-width-s" value={startsOn} onChange={setStartsOn} error={form.fieldError('startsOn')} />
      <SubmitRow label={t('assignmentForm.submit')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

async function load(caseId: string): Promise<Loaded> {
  const [item, staff, departments] = await Promise.all([caseApi.get(caseId), referenceApi.staff(), referenceApi.departments()]);
  return { item, staff, departments };
}

/** Assign a colleague to a case: a new contact person (replacing the current one), a caseworker or a buddy. */
export function AddAssignmentPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => load(caseId), caseId);
  const item = resource.data?.item;
  const title = item ? t('assignmentForm.title', { number: item.caseNumber }) : t('case.addAssignment');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(item ? [{ label: t('case.title', { number: item.caseNumber }), to: `/cases/${item.id}` }] : []),
          { label: t('case.addAssignment') },
        ]}
      />
      <h1>{title}</h1>
      {resource.loading && !resource.data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {resource.data && <AssignmentForm {...resource.data} />}
    </>
  );
}
