import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import type { Person, PersonInput } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull } from '../../lib/format';
import { PersonFields, usePersonLabels, type PersonValues } from './PersonFields';

function valuesOf(person: Person): PersonValues {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    cpr: person.cpr ?? '',
    birthDate: person.birthDate ?? '',
    phone: person.phone ?? '',
    email: person.email ?? '',
  };
}

/** Only what the user changed is sent, so the server derives the birth date from a new CPR number. */
function changes(before: PersonValues, after: PersonValues): Partial<PersonInput> {
  const out: Partial<PersonInput> = {};
  if (after.firstName !== before.firstName) out.firstName = after.firstName;
  if (after.lastName !== before.lastName) out.lastName = after.lastName;
  if (after.cpr !== before.cpr) out.cpr = orNull(after.cpr);
  if (after.birthDate !== before.birthDate) out.birthDate = orNull(after.birthDate);
  if (after.phone !== before.phone) out.phone = orNull(after.phone);
  if (after.email !== before.email) out.email = orNull(after.email);
  return out;
}

function EditPersonForm({ person, familyId, onReload }: { person: Person; familyId: string; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const labels = usePersonLabels();
  const initial = valuesOf(person);
  const [values, setValues] = useState<PersonValues>(initial);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const saved = await familyApi.updatePerson(person.id, { ...changes(initial, values), version: person.version });
      await navigate(`/families/${familyId}`, { state: { flash: t('personForm.saved', { name: `${saved.firstName} ${saved.lastName}` }) } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onReload} />
      <PersonFields values={values} onChange={setValues} form={form} />
      <SubmitRow label={t('personForm.submit')} submitting={form.submitting} cancelTo={`/families/${familyId}`} />
    </form>
  );
}

/** Edit a family member's name, CPR number, birth date and contact details. */
export function EditPersonPage() {
  const { t } = useTranslation();
  const { familyId = '', personId = '' } = useParams();
  const family = useResource(() => familyApi.get(familyId), familyId);
  const person = family.data?.members.find((m) => m.person.id === personId)?.person;
  const name = person ? `${person.firstName} ${person.lastName}` : undefined;
  const title = name ? t('personForm.title', { name }) : t('family.editPerson');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          { label: family.data?.name ?? t('family.title'), to: `/families/${familyId}` },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {family.loading && !family.data && <Loading />}
      {family.error && <LoadError error={family.error} />}
      {family.data && !person && <Alert variant="warning">{t('personForm.notFound')}</Alert>}
      {person && <EditPersonForm key={person.version} person={person} familyId={familyId} onReload={family.reload} />}
    </>
  );
}
