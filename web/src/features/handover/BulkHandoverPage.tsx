import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { referenceApi } from '../../api/endpoints';
import type { Department, Staff } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { CheckboxField } from '../../components/form/CheckboxField';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull, todayIso } from '../../lib/format';
import { staffOptions } from '../case/staffOptions';
import { handoverApi, type LeadCase } from './api';

interface Loaded { staff: Staff[]; departments: Department[] }

function BulkForm({ staff, departments, onDone }: Loaded & { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [fromUserId, setFromUserId] = useState('');
  const [toUserId, setToUserId] = useState('');
  const [cases, setCases] = useState<LeadCase[] | null>(null);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [needs, setNeeds] = useState<Record<string, string>>({});
  const [sharedNote, setSharedNote] = useState('');
  const [notifyFamily, setNotifyFamily] = useState(true);
  const fixed = { fromUserId: t('leadingPractice.bulk.from'), toUserId: t('leadingPractice.bulk.to'), sharedNote: t('leadingPractice.bulk.sharedNote'), cases: t('leadingPractice.bulk.cases') };
  const labels: Record<string, string> = { ...fixed };
  const pickFrom = (value: string) => {
    setFromUserId(value);
    setCases(null);
    if (value) void handoverApi.leadCases(value).then((r) => { setCases(r.cases); setChosen(Object.fromEntries(r.cases.map((c) => [c.caseId, true]))); });
  };
  const selected = (cases ?? []).filter((c) => chosen[c.caseId]);
  selected.forEach((c, i) => { labels[`cases.${i}.familyNeeds`] = t('leadingPractice.bulk.needsOf', { caseNumber: c.caseNumber }); });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const result = await handoverApi.bulk({ fromUserId, toUserId, sharedNote: orNull(sharedNote), notifyFamily, cases: selected.map((c) => ({ caseId: c.caseId, familyNeeds: needs[c.caseId] ?? '', openAgreements: null, nextDates: null })) });
      onDone(t('leadingPractice.bulk.saved', { count: result.notes.length }));
      setCases(null);
      setFromUserId('');
    });
  };
  const options = staffOptions(staff, departments);
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="fromUserId" label={fixed.fromUserId} value={fromUserId} onChange={pickFrom} options={options} error={form.fieldError('fromUserId')} />
      <SelectField name="toUserId" label={fixed.toUserId} value={toUserId} onChange={setToUserId} options={options} error={form.fieldError('toUserId')} />
      {cases && cases.length === 0 && <p>{t('leadingPractice.bulk.noCases')}</p>}
      {cases && cases.length > 0 && (
        <fieldset>
          <legend className="h4">{fixed.cases}</legend>
          {cases.map((c) => (
            <div key={c.caseId} className="mb-5">
              <CheckboxField name={`case-${c.caseId}`} label={`${c.caseNumber} · ${c.childName}`} checked={chosen[c.caseId] === true} onChange={(v) => setChosen({ ...chosen, [c.caseId]: v })} />
              {chosen[c.caseId] && (
                <TextAreaField name={`familyNeeds-${c.caseId}`} label={t('leadingPractice.bulk.needsOf', { caseNumber: c.caseNumber })} rows={3}
                  value={needs[c.caseId] ?? ''} onChange={(v) => setNeeds({ ...needs, [c.caseId]: v })}
                  error={form.fieldError(`cases.${selected.findIndex((s) => s.caseId === c.caseId)}.familyNeeds`)} />
              )}
            </div>
          ))}
        </fieldset>
      )}
      <TextAreaField name="sharedNote" label={fixed.sharedNote} hint={t('leadingPractice.bulk.sharedNoteHint')} optional rows={3} value={sharedNote} onChange={setSharedNote} error={form.fieldError('sharedNote')} />
      <CheckboxField name="bulkNotifyFamily" label={t('leadingPractice.handover.notifyFamily')} checked={notifyFamily} onChange={setNotifyFamily} />
      <button type="submit" className="button button-primary" disabled={form.submitting || selected.length === 0}>{t('leadingPractice.bulk.submit')}</button>
    </form>
  );
}

function AbsenceForm({ staff, departments, onDone }: Loaded & { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [absentUserId, setAbsent] = useState('');
  const [deputyUserId, setDeputy] = useState('');
  const [startsOn, setStartsOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState('');
  const labels = { absentUserId: t('leadingPractice.absence.absent'), deputyUserId: t('leadingPractice.absence.deputy'), startsOn: t('leadingPractice.deputy.startsOn'), endsOn: t('leadingPractice.deputy.endsOn') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const result = await handoverApi.absence({ absentUserId, deputyUserId, startsOn, endsOn });
      onDone(t('leadingPractice.absence.saved', { count: result.caseIds.length }));
    });
  };
  const options = staffOptions(staff, departments);
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="absentUserId" label={labels.absentUserId} value={absentUserId} onChange={setAbsent} options={options} error={form.fieldError('absentUserId')} />
      <SelectField name="deputyUserId" label={labels.deputyUserId} value={deputyUserId} onChange={setDeputy} options={options} error={form.fieldError('deputyUserId')} />
      <TextField name="absenceStartsOn" label={labels.startsOn} type="date" className="input-width-s" value={startsOn} onChange={setStartsOn} error={form.fieldError('startsOn')} />
      <TextField name="absenceEndsOn" label={labels.endsOn} hint={t('leadingPractice.deputy.endsOnHint')} type="date" className="input-width-s" value={endsOn} onChange={setEndsOn} error={form.fieldError('endsOn')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('leadingPractice.absence.submit')}</button>
    </form>
  );
}

async function load(): Promise<Loaded> {
  const [staff, departments] = await Promise.all([referenceApi.staff(), referenceApi.departments()]);
  return { staff: staff.filter((s) => !s.roles.includes('external_partner')), departments };
}

/** Bulk reassignment and deputies for an absence (issue 9 item 3): a shared note plus each family's own needs. */
export function BulkHandoverPage() {
  const { t } = useTranslation();
  usePageTitle(t('leadingPractice.bulk.title'));
  const resource = useResource(load, 'bulk-handover');
  const [flash, setFlash] = useState<string | null>(null);
  return (
    <>
      <p><Link to="/leader">{t('leadingPractice.back')}</Link></p>
      <h1>{t('leadingPractice.bulk.title')}</h1>
      <p className="font-lead">{t('leadingPractice.bulk.intro')}</p>
      {flash && <Alert variant="success" live>{flash}</Alert>}
      {resource.loading && !resource.data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {resource.data && (
        <>
          <BulkForm {...resource.data} onDone={setFlash} />
          <h2>{t('leadingPractice.absence.heading')}</h2>
          <p>{t('leadingPractice.absence.intro')}</p>
          <AbsenceForm {...resource.data} onDone={setFlash} />
        </>
      )}
    </>
  );
}
