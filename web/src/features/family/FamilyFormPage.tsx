import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import type { Family } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull } from '../../lib/format';

function FamilyForm({ family, onReload }: { family?: Family; onReload?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [name, setName] = useState(family?.name ?? '');
  const [address, setAddress] = useState(family?.address ?? '');
  const [notes, setNotes] = useState(family?.notes ?? '');
  const labels = { name: t('family.name'), address: t('family.address'), notes: t('family.notes') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const input = { name, address: orNull(address), notes: orNull(notes) };
      const saved = family
        ? await familyApi.update(family.id, { ...input, version: family.version })
        : await familyApi.create(input);
      await navigate(`/families/${saved.id}`, { state: { flash: family ? t('familyForm.saved') : t('familyForm.created') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onReload} />
      <TextField name="name" label={labels.name} hint={t('familyForm.nameHint')} value={name} onChange={setName} error={form.fieldError('name')} />
      <TextField name="address" label={labels.address} optional autoComplete="street-address" value={address} onChange={setAddress} error={form.fieldError('address')} />
      <TextAreaField name="notes" label={labels.notes} optional value={notes} onChange={setNotes} error={form.fieldError('notes')} />
      <SubmitRow
        label={family ? t('familyForm.save') : t('familyForm.create')}
        submitting={form.submitting}
        cancelTo={family ? `/families/${family.id}` : '/'}
      />
    </form>
  );
}

/** Create a family. */
export function CreateFamilyPage() {
  const { t } = useTranslation();
  usePageTitle(t('familyForm.createTitle'));
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.myFamilies'), to: '/' }, { label: t('familyForm.createTitle') }]} />
      <h1>{t('familyForm.createTitle')}</h1>
      <FamilyForm />
    </>
  );
}

/** Edit a family's name, address and notes (sends the version it edited). */
export function EditFamilyPage() {
  const { t } = useTranslation();
  const { familyId = '' } = useParams();
  const family = useResource(() => familyApi.get(familyId), familyId);
  const data = family.data;
  const title = data ? t('familyForm.editTitle', { name: data.name }) : t('family.edit');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          { label: data?.name ?? t('family.title'), to: `/families/${familyId}` },
          { label: t('family.edit') },
        ]}
      />
      <h1>{title}</h1>
      {family.loading && !data && <Loading />}
      {family.error && <LoadError error={family.error} />}
      {data && <FamilyForm key={data.version} family={data} onReload={family.reload} />}
    </>
  );
}
