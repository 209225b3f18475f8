import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { caseApi, referenceApi } from '../../api/endpoints';
import type { Case, Department, Staff } from '../../api/types';
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
import { formatDate, todayIso } from '../../lib/format';
import { staffOptions } from '../case/staffOptions';
import { assessmentApi, type CaseNotifications, type Notification, type Reassessment } from './api';

interface Loaded { item: Case; notifications: CaseNotifications; staff: Staff[]; departments: Department[] }

async function load(caseId: string): Promise<Loaded> {
  const [item, notifications, staff, departments] = await Promise.all([
    caseApi.get(caseId), assessmentApi.notifications(caseId), referenceApi.staff().catch(() => []), referenceApi.departments().catch(() => []),
  ]);
  return { item, notifications, staff, departments };
}

/** Lead: choose someone new to the case (the server refuses anyone who was on it before the notification, §137). */
function AssignForm({ task, staff, departments, onSaved, onReload }: {
  task: Reassessment; staff: Staff[]; departments: Department[]; onSaved: (data: CaseNotifications, text: string) => void; onReload: () => void;
}) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [assignedUserId, setAssignedUserId] = useState('');
  const label = t('assessment.assignedUserId');
  const candidates = staff.filter((s) => !task.notNewUserIds.includes(s.id) && s.id !== task.assignedUserId && !s.roles.includes('external_partner'));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => onSaved(await assessmentApi.updateReassessment(task.id, { assignedUserId, version: task.version }), t('assessment.assigned')));
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="reassessment-assign">
      <h2 id="reassessment-assign">{t('assessment.assignHeading')}</h2>
      <FormErrors form={form} labels={{ assignedUserId: label }} onReload={onReload} />
      <SelectField
        name="assignedUserId" label={label} hint={t('assessment.assignedUserIdHint')} value={assignedUserId} onChange={setAssignedUserId}
        options={staffOptions(candidates, departments)} error={form.fieldError('assignedUserId')}
      />
      <SubmitRow label={t('assessment.assign')} submitting={form.submitting} />
    </form>
  );
}

/** The person new to the case (or whoever may change the case) records the conclusion. */
function CompleteForm({ task, onSaved, onReload }: { task: Reassessment; onSaved: (data: CaseNotifications, text: string) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [completedOn, setCompletedOn] = useState(todayIso());
  const [conclusion, setConclusion] = useState(task.conclusion ?? '');
  const labels = { completedOn: t('assessment.completedOn'), conclusion: t('assessment.conclusion'), assignedUserId: t('assessment.assignedUserId') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => onSaved(await assessmentApi.updateReassessment(task.id, { completedOn, conclusion, version: task.version }), t('assessment.completed')));
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="reassessment-complete" className="mt-6">
      <h2 id="reassessment-complete">{t('assessment.completeHeading')}</h2>
      <FormErrors form={form} labels={labels} onReload={onReload} />
      <TextAreaField name="conclusion" label={labels.conclusion} rows={5} value={conclusion} onChange={setConclusion} error={form.fieldError('conclusion')} />
      <TextField name="completedOn" label={labels.completedOn} type="date" className="input-width-s" value={completedOn} onChange={setCompletedOn} error={form.fieldError('completedOn')} />
      <SubmitRow label={t('assessment.complete')} submitting={form.submitting} />
    </form>
  );
}

/** Barnets Lov §137: the re-assessment a notification opened — assign someone new to the case, then complete it. */
export function ReassessmentPage() {
  const { t, i18n } = useTranslation();
  const { caseId = '', reassessmentId = '' } = useParams();
  const resource = useResource(() => load(caseId), `${caseId}/${reassessmentId}`);
  const [message, setMessage] = useState<string | null>(null);
  const data = resource.data;
  const notification: Notification | undefined = data?.notifications.notifications.find((n) => n.reassessment?.id === reassessmentId);
  const task = notification?.reassessment ?? undefined;
  const title = t('assessment.reassessmentTitle');
  usePageTitle(data ? `${title} – ${data.item.childName}` : title);
  const date = (value: string) => formatDate(value, i18n.language) ?? '';
  const onSaved = (notifications: CaseNotifications, text: string) => {
    if (data) resource.setData({ ...data, notifications });
    setMessage(text);
  };
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(data ? [{ label: t('case.title', { number: data.item.caseNumber }), to: `/cases/${caseId}` }] : []),
          { label: title },
        ]}
      />
      <h1>{title}{data && <span className="d-block h3 mt-2">{data.item.childName}</span>}</h1>
      {message && <Alert variant="success" live>{message}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && !task && <Alert variant="warning">{t('assessment.notFound')}</Alert>}
      {notification && task && (
        <>
          <p>{t('assessment.reassessmentIntro', { date: date(notification.receivedOn) })}</p>
          <dl>
            <dt>{t('assessment.source')}</dt><dd>{t(`assessment.sources.${notification.source}`)}</dd>
            <dt>{t('assessment.summary')}</dt><dd className="preserve-lines">{notification.summary}</dd>
            <dt>{t('assessment.reassessment')}</dt>
            <dd>
              {task.completedOn ? t('assessment.completedText', { date: date(task.completedOn), name: task.completedByName ?? '' })
                : task.assignedUserName ? t('assessment.assignedTo', { name: task.assignedUserName }) : t('assessment.reassessmentUnassigned')}
            </dd>
            {task.completedOn && <><dt>{t('assessment.conclusion')}</dt><dd className="preserve-lines">{task.conclusion}</dd></>}
          </dl>
          {task.abilities.canAssign && (
            <AssignForm key={`assign-${task.version}`} task={task} staff={data!.staff} departments={data!.departments} onSaved={onSaved} onReload={resource.reload} />
          )}
          {task.abilities.canComplete && <CompleteForm key={`complete-${task.version}`} task={task} onSaved={onSaved} onReload={resource.reload} />}
        </>
      )}
    </>
  );
}
