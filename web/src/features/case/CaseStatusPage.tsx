import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi } from '../../api/endpoints';
import { caseStatuses, type Case, type CaseStatus } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull } from '../../lib/format';

/** Ordinary operation and closing need a reason (000:205-210); the server enforces it, the form says so up front. */
const needsReason: readonly CaseStatus[] = ['ordinary_operation', 'closed'];

function StatusForm({ item, onReload }: { item: Case; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [status, setStatus] = useState<CaseStatus>(item.status);
  const [reason, setReason] = useState(item.statusReason ?? '');
  const labels = { status: t('statusForm.status'), statusReason: t('statusForm.reason') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await caseApi.update(item.id, { status, statusReason: orNull(reason), version: item.version });
      await navigate(`/cases/${item.id}`, { state: { flash: t('statusForm.saved') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onReload} />
      <ChoiceGroup name="status" legend={labels.status} error={form.fieldError('status')}>
        {caseStatuses.map((s, index) => (
          <Radio key={s} name="status" value={s} first={index === 0} label={t(`status.${s}`)} checked={status === s} onChange={() => setStatus(s)} />
        ))}
      </ChoiceGroup>
      <TextAreaField
        name="statusReason" label={labels.statusReason} hint={t('statusForm.reasonHint')} optional={!needsReason.includes(status)}
        value={reason} onChange={setReason} error={form.fieldError('statusReason')}
      />
      <SubmitRow label={t('statusForm.submit')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

/** Change a case's status: open, in operation, ordinary operation (with reason) or closed (with reason). */
export function CaseStatusPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => caseApi.get(caseId), caseId);
  const item = resource.data;
  const title = item ? t('statusForm.title', { number: item.caseNumber }) : t('case.changeStatus');
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(item ? [{ label: t('case.title', { number: item.caseNumber }), to: `/cases/${item.id}` }] : []),
          { label: t('case.changeStatus') },
        ]}
      />
      <h1>{title}</h1>
      {resource.loading && !item && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {item && <StatusForm key={item.version} item={item} onReload={resource.reload} />}
    </>
  );
}
