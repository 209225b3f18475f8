import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull, todayIso } from '../../lib/format';
import { followUpApi, type TransitionView } from '../worklist/api';
import { useLocalForm } from './form';
import { TransitionTrackSection } from '../transition/TransitionTrackSection';

function TransitionForm({ view, onReload }: { view: TransitionView; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useLocalForm();
  const [startedOn, setStartedOn] = useState(view.startedOn ?? todayIso());
  const [note, setNote] = useState(view.note ?? '');
  const labels = { startedOn: t('followUp.transition.startedOn'), note: t('followUp.transition.note') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await followUpApi.recordTransition(view.caseId, { startedOn, note: orNull(note), version: view.version ?? 0 });
      await navigate('/worklist', { state: { flash: t('followUp.transition.saved') } });
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onReload} />
      <TextField name="startedOn" label={labels.startedOn} type="date" className="input-width-s" value={startedOn} onChange={setStartedOn} error={form.fieldError('startedOn')} />
      <TextAreaField name="note" label={labels.note} hint={t('followUp.transition.noteHint')} optional rows={3} value={note} onChange={setNote} error={form.fieldError('note')} />
      <SubmitRow label={t('followUp.transition.submit')} submitting={form.submitting} cancelTo="/worklist" />
    </form>
  );
}

/** The transition to adult services before 18 (004:4088-4095): when it must start, and recording that it has. */
export function TransitionPage() {
  const { t, i18n } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => followUpApi.transition(caseId), caseId);
  const view = resource.data;
  const title = view ? t('followUp.transition.title', { name: view.childName }) : t('followUp.transition.titleShort');
  usePageTitle(title);
  const date = (value: string | null) => formatDate(value, i18n.language) ?? t('app.dash');
  return (
    <>
      <Breadcrumbs items={[{ label: t('worklist.nav'), to: '/worklist' }, { label: t('followUp.transition.titleShort') }]} />
      <h1>{title}</h1>
      {resource.loading && !view && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {view && (
        <>
          <p>{t('followUp.transition.intro', { months: view.leadTimeMonths })}</p>
          <dl>
            <dt>{t('followUp.transition.eighteenOn')}</dt><dd>{date(view.eighteenOn)}</dd>
            <dt>{t('followUp.transition.startBy')}</dt><dd>{date(view.startBy)}</dd>
          </dl>
          {view.startedOn && <Alert variant="success">{t('followUp.transition.started', { date: date(view.startedOn) })}</Alert>}
          {view.abilities.canRecord ? <TransitionForm key={view.version ?? 0} view={view} onReload={resource.reload} /> : <p>{t('followUp.readOnly')}</p>}
          {/* The transition track from 16 (issue 9 item 4): adult-services contact, planned steps, deadline before 18. */}
          <TransitionTrackSection caseId={view.caseId} />
        </>
      )}
    </>
  );
}
