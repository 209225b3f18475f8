import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi, referenceApi } from '../../api/endpoints';
import type { Case, Department, Staff } from '../../api/types';
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
import { staffOptions } from '../case/staffOptions';

interface Loaded { item: Case; staff: Staff[]; departments: Department[] }

function TeamMemberForm({ item, staff, departments }: Loaded) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [userId, setUserId] = useState('');
  const [teamRole, setTeamRole] = useState('');
  const labels = { userId: t('teamForm.user'), teamRole: t('teamForm.teamRole') };
  const current = new Set(item.teamMembers.filter((m) => m.removedOn === null).map((m) => m.userId));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await caseApi.addTeamMember(item.id, { userId, teamRole: teamRole.trim() || 'member' });
      await navigate(`/cases/${item.id}`, { state: { flash: t('teamForm.saved') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField
        name="userId" label={labels.userId} value={userId} onChange={setUserId}
        options={staffOptions(staff.filter((s) => !current.has(s.id)), departments)} error={form.fieldError('userId')}
      />
      <TextField name="teamRole" label={labels.teamRole} optional hint={t('teamForm.teamRoleHint')} value={teamRole} onChange={setTeamRole} error={form.fieldError('teamRole')} />
      <SubmitRow label={t('teamForm.submit')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

async function load(caseId: string): Promise<Loaded> {
  const [item, staff, departments] = await Promise.all([caseApi.get(caseId), referenceApi.staff(), referenceApi.departments()]);
  return { item, staff, departments };
}

/** Add a colleague from any department to the case's core team (kerneteam). */
export function AddTeamMemberPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => load(caseId), caseId);
  const item = resource.data?.item;
  const title = item ? t('teamForm.title', { number: item.caseNumber }) : t('case.addTeamMember');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(item ? [{ label: t('case.title', { number: item.caseNumber }), to: `/cases/${item.id}` }] : []),
          { label: t('case.addTeamMember') },
        ]}
      />
      <h1>{title}</h1>
      {resource.loading && !resource.data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {resource.data && <TeamMemberForm {...resource.data} />}
    </>
  );
}
