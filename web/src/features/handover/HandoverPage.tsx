import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { referenceApi } from '../../api/endpoints';
import type { AssignmentRole, Department, Staff } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull, todayIso } from '../../lib/format';
import { staffOptions } from '../case/staffOptions';
import { handoverApi, type HandoverOverview } from './api';

interface Loaded { view: HandoverOverview; staff: Staff[]; departments: Department[] }

function HandoverForm({ view, staff, departments, onDone }: Loaded & { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [toUserId, setToUserId] = useState('');
  const [handedOverOn, setHandedOverOn] = useState(todayIso());
  const [familyNeeds, setFamilyNeeds] = useState('');
  const [openAgreements, setOpenAgreements] = useState(view.suggested.openAgreements);
  const [nextDates, setNextDates] = useState(view.suggested.nextDates);
  const [notifyFamily, setNotifyFamily] = useState(true);
  const labels = {
    toUserId: t('leadingPractice.handover.toUser'), handedOverOn: t('leadingPractice.handover.on'), familyNeeds: t('leadingPractice.handover.familyNeeds'),
    openAgreements: t('leadingPractice.handover.openAgreements'), nextDates: t('leadingPractice.handover.nextDates'), role: t('leadingPractice.handover.toUser'),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await handoverApi.handOver(view.caseId, { toUserId, handedOverOn, familyNeeds, openAgreements: orNull(openAgreements), nextDates: orNull(nextDates), notifyFamily });
      onDone(t('leadingPractice.handover.saved'));
    });
  };
  const options = staffOptions(staff.filter((s) => s.id !== view.lead?.userId), departments);
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="toUserId" label={labels.toUserId} value={toUserId} onChange={setToUserId} options={options} error={form.fieldError('toUserId') ?? form.fieldError('userId')} />
      <TextField name="handedOverOn" label={labels.handedOverOn} type="date" className="input-width-s" value={handedOverOn} onChange={setHandedOverOn} error={form.fieldError('handedOverOn')} />
      <TextAreaField name="familyNeeds" label={labels.familyNeeds} hint={t('leadingPractice.handover.familyNeedsHint')} rows={5} value={familyNeeds} onChange={setFamilyNeeds} error={form.fieldError('familyNeeds')} />
      <TextAreaField name="openAgreements" label={labels.openAgreements} optional rows={4} value={openAgreements} onChange={setOpenAgreements} error={form.fieldError('openAgreements')} />
      <TextAreaField name="nextDates" label={labels.nextDates} optional rows={3} value={nextDates} onChange={setNextDates} error={form.fieldError('nextDates')} />
      <CheckboxField name="notifyFamily" label={t('leadingPractice.handover.notifyFamily')} checked={notifyFamily} onChange={setNotifyFamily} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('leadingPractice.handover.submit')}</button>
    </form>
  );
}

function DeputyForm({ view, staff, departments, onDone }: Loaded & { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [userId, setUserId] = useState('');
  const [startsOn, setStartsOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState('');
  const labels = { userId: t('leadingPractice.deputy.user'), startsOn: t('leadingPractice.deputy.startsOn'), endsOn: t('leadingPractice.deputy.endsOn') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await handoverApi.deputy(view.caseId, { userId, startsOn, endsOn });
      onDone(t('leadingPractice.deputy.saved'));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField name="deputyUserId" label={labels.userId} value={userId} onChange={setUserId} options={staffOptions(staff, departments)} error={form.fieldError('userId')} />
      <TextField name="startsOn" label={labels.startsOn} type="date" className="input-width-s" value={startsOn} onChange={setStartsOn} error={form.fieldError('startsOn')} />
      <TextField name="endsOn" label={labels.endsOn} hint={t('leadingPractice.deputy.endsOnHint')} type="date" className="input-width-s" value={endsOn} onChange={setEndsOn} error={form.fieldError('endsOn')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('leadingPractice.deputy.submit')}</button>
    </form>
  );
}

async function load(caseId: string): Promise<Loaded> {
  const [view, staff, departments] = await Promise.all([handoverApi.get(caseId), referenceApi.staff(), referenceApi.departments()]);
  return { view, staff: staff.filter((s) => !s.roles.includes('external_partner')), departments };
}

/** Hand the case over to a new lead with a structured note, and deputies during an absence (issue 9 item 3). */
export function HandoverPage() {
  const { t, i18n } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => load(caseId), caseId);
  const [flash, setFlash] = useState<string | null>(null);
  const data = resource.data;
  const title = data ? t('leadingPractice.handover.title', { name: data.view.childName }) : t('leadingPractice.handover.titleShort');
  usePageTitle(title);
  const date = (value: string | null) => formatDate(value, i18n.language) ?? t('app.dash');
  const done = (message: string) => { setFlash(message); resource.reload(); };
  return (
    <>
      <Breadcrumbs items={[{ label: data?.view.caseNumber ?? t('leadingPractice.handover.case'), to: `/cases/${caseId}` }, { label: t('leadingPractice.handover.titleShort') }]} />
      <h1>{title}</h1>
      {flash && <Alert variant="success" live>{flash}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          <p className="font-lead">{t('leadingPractice.handover.intro')}</p>
          <dl>
            <dt>{t('leadingPractice.handover.caseNumber')}</dt><dd><Link to={`/cases/${caseId}`}>{data.view.caseNumber}</Link></dd>
            <dt>{t('leadingPractice.handover.currentLead')}</dt><dd>{data.view.lead ? `${data.view.lead.name} (${t(`assignmentRole.${data.view.lead.role as AssignmentRole}`)})` : t('app.dash')}</dd>
          </dl>
          {data.view.abilities.canHandOver && (
            <section aria-labelledby="handover-form">
              <h2 id="handover-form">{t('leadingPractice.handover.formHeading')}</h2>
              <HandoverForm {...data} onDone={done} />
            </section>
          )}
          <section aria-labelledby="deputies">
            <h2 id="deputies">{t('leadingPractice.deputy.heading')}</h2>
            <p>{t('leadingPractice.deputy.intro')}</p>
            {data.view.deputies.length === 0 ? <p>{t('leadingPractice.deputy.none')}</p> : (
              <ul>
                {data.view.deputies.map((d) => (
                  <li key={d.assignmentId}>{t('leadingPractice.deputy.line', { name: d.name, from: date(d.startsOn), to: date(d.endsOn), for: d.deputyForName ?? t('app.dash') })}</li>
                ))}
              </ul>
            )}
            {data.view.abilities.canAssignDeputy && <DeputyForm {...data} onDone={done} />}
          </section>
          <section aria-labelledby="handover-notes">
            <h2 id="handover-notes">{t('leadingPractice.handover.notesHeading')}</h2>
            {data.view.notes.length === 0 && <p>{t('leadingPractice.handover.noNotes')}</p>}
            {data.view.notes.map((n) => (
              <article key={n.id} className="mb-6">
                <h3 className="h4">{t('leadingPractice.handover.noteHeading', { from: n.fromName ?? t('app.dash'), to: n.toName, date: date(n.handedOverOn) })}</h3>
                <dl>
                  <dt>{t('leadingPractice.handover.familyNeeds')}</dt><dd className="pre-wrap">{n.familyNeeds}</dd>
                  {n.openAgreements && <><dt>{t('leadingPractice.handover.openAgreements')}</dt><dd className="pre-wrap">{n.openAgreements}</dd></>}
                  {n.nextDates && <><dt>{t('leadingPractice.handover.nextDates')}</dt><dd className="pre-wrap">{n.nextDates}</dd></>}
                  {n.sharedNote && <><dt>{t('leadingPractice.handover.sharedNote')}</dt><dd className="pre-wrap">{n.sharedNote}</dd></>}
                  <dt>{t('leadingPractice.handover.writtenBy')}</dt><dd>{n.writtenBy}</dd>
                </dl>
              </article>
            ))}
          </section>
        </>
      )}
    </>
  );
}
