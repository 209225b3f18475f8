import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import { relations, type Family, type Relation } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull } from '../../lib/format';
import { emptyPerson, PersonFields, usePersonLabels, type PersonValues } from './PersonFields';

function AddMemberForm({ family }: { family: Family }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const personLabels = usePersonLabels();
  const [relation, setRelation] = useState<Relation | ''>('');
  const [hasCustody, setHasCustody] = useState(false);
  const [person, setPerson] = useState<PersonValues>(emptyPerson);
  const labels = { ...personLabels, relation: t('memberForm.relation'), hasCustody: t('memberForm.hasCustody') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await familyApi.addMember(family.id, {
        // An empty choice is sent as is, so the server names the missing field.
        relation: relation as Relation,
        hasCustody,
        person: {
          firstName: person.firstName,
          lastName: person.lastName,
          cpr: orNull(person.cpr),
          birthDate: orNull(person.birthDate),
          phone: orNull(person.phone),
          email: orNull(person.email),
        },
      });
      const name = `${person.firstName.trim()} ${person.lastName.trim()}`;
      await navigate(`/families/${family.id}`, { state: { flash: t('memberForm.added', { name }) } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField
        name="relation" label={labels.relation} value={relation} onChange={(value) => setRelation(value as Relation | '')}
        options={relations.map((r) => ({ value: r, label: t(`relation.${r}`) }))} error={form.fieldError('relation')}
      />
      <div className="form-group">
        <CheckboxField name="hasCustody" label={labels.hasCustody} checked={hasCustody} onChange={setHasCustody} />
      </div>
      <PersonFields values={person} onChange={setPerson} form={form} />
      <SubmitRow label={t('memberForm.submit')} submitting={form.submitting} cancelTo={`/families/${family.id}`} />
    </form>
  );
}

/** Add a person to a family: relation, custody, name, CPR (optional), birth date and contact details. */
export function AddMemberPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const family = useResource(() => familyApi.get(familyId), familyId);
  const data = family.data;
  const title = data ? t('memberForm.title', { family: data.name }) : t('family.addMember');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          { label: data?.name ?? t('family.title'), to: `/families/${familyId}` },
          { label: t('family.addMember') },
        ]}
      />
      <h1>{title}</h1>
      {family.loading && !data && <Loading />}
      {family.error && <LoadError error={family.error} />}
      {data && <AddMemberForm family={data} />}
    </>
  );
}
