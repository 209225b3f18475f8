import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi } from '../../api/endpoints';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { todayIso } from '../../lib/format';
import { assessmentApi, notificationSources, screeningOutcomes, type NotificationSource, type ScreeningOutcome } from './api';

/** A form page under a case: breadcrumbs to the case, its title, and the form once the case has loaded. */
function CaseFormPage({ titleKey, shortKey, children }: {
  titleKey: 'assessment.screeningFormTitle' | 'assessment.notificationFormTitle';
  shortKey: 'assessment.screeningFormTitleShort' | 'assessment.notificationFormTitleShort';
  children: (item: Case) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => caseApi.get(caseId), caseId);
  const item = resource.data;
  const title = item ? t(titleKey, { number: item.caseNumber }) : t(shortKey);
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(item ? [{ label: t('case.title', { number: item.caseNumber }), to: `/cases/${caseId}` }] : []),
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {resource.loading && !item && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {item && children(item)}
    </>
  );
}

function ScreeningForm({ item }: { item: Case }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [awareOn, setAwareOn] = useState(todayIso());
  const [screenedOn, setScreenedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState('');
  const [reasons, setReasons] = useState('');
  const labels = { awareOn: t('assessment.awareOn'), screenedOn: t('assessment.screenedOn'), outcome: t('assessment.outcome'), reasons: t('assessment.reasons') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await assessmentApi.recordScreening(item.id, { awareOn, screenedOn, outcome: outcome as ScreeningOutcome, reasons });
      await navigate(`/cases/${item.id}`, { state: { flash: t('assessment.screeningSaved') } });
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>{t('assessment.screeningsIntro')}</p>
      <FormErrors form={form} labels={labels} />
      <TextField
        name="awareOn" label={labels.awareOn} hint={t('assessment.awareOnHint')} type="date" className="input-width-s"
        value={awareOn} onChange={setAwareOn} error={form.fieldError('awareOn')}
      />
      <TextField name="screenedOn" label={labels.screenedOn} type="date" className="input-width-s" value={screenedOn} onChange={setScreenedOn} error={form.fieldError('screenedOn')} />
      <ChoiceGroup name="outcome" legend={labels.outcome} error={form.fieldError('outcome')}>
        {screeningOutcomes.map((value, index) => (
          <Radio key={value} name="outcome" value={value} first={index === 0} label={t(`assessment.outcomes.${value}`)} checked={outcome === value} onChange={setOutcome} />
        ))}
      </ChoiceGroup>
      <TextAreaField name="reasons" label={labels.reasons} rows={4} value={reasons} onChange={setReasons} error={form.fieldError('reasons')} />
      <SubmitRow label={t('assessment.addScreening')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

/** Barnets Lov §18: record a screening of the case. */
export function ScreeningFormPage() {
  return (
    <CaseFormPage titleKey="assessment.screeningFormTitle" shortKey="assessment.screeningFormTitleShort">
      {(item) => <ScreeningForm item={item} />}
    </CaseFormPage>
  );
}

function NotificationForm({ item }: { item: Case }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useApiForm();
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [source, setSource] = useState('');
  const [summary, setSummary] = useState('');
  const labels = { receivedOn: t('assessment.receivedOn'), source: t('assessment.source'), summary: t('assessment.summary') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const saved = await assessmentApi.recordNotification(item.id, { receivedOn, source: source as NotificationSource, summary });
      const opened = saved.notifications.some((n) => n.reassessment && !n.reassessment.completedOn && n.receivedOn === receivedOn);
      await navigate(`/cases/${item.id}`, { state: { flash: t(opened ? 'assessment.notificationSavedWithTask' : 'assessment.notificationSaved') } });
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>{t('assessment.notificationsIntro')}</p>
      <FormErrors form={form} labels={labels} />
      <TextField name="receivedOn" label={labels.receivedOn} type="date" className="input-width-s" value={receivedOn} onChange={setReceivedOn} error={form.fieldError('receivedOn')} />
      <SelectField
        name="source" label={labels.source} value={source} onChange={setSource} error={form.fieldError('source')}
        options={notificationSources.map((value) => ({ value, label: t(`assessment.sources.${value}`) }))}
      />
      <TextAreaField name="summary" label={labels.summary} rows={4} value={summary} onChange={setSummary} error={form.fieldError('summary')} />
      <SubmitRow label={t('assessment.addNotification')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

/** Barnets Lov §137: record a notification (underretning) on the case. */
export function NotificationFormPage() {
  return (
    <CaseFormPage titleKey="assessment.notificationFormTitle" shortKey="assessment.notificationFormTitleShort">
      {(item) => <NotificationForm item={item} />}
    </CaseFormPage>
  );
}
