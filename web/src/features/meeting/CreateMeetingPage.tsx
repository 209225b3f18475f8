import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { caseApi } from '../../api/endpoints';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { orNull, todayIso } from '../../lib/format';
import { useUser } from '../../session/useSession';
import { useScopedForm } from '../flow/errors';
import { meetingApi, meetingTemplates, meetingTypes, type MeetingTemplate, type MeetingType } from './api';

/** The meeting types each model starts with, offered first (000:139-210, 001:155-187); all types are always allowed. */
const defaultType: Record<Case['model'], MeetingType> = { efei: 'assessment_meeting', sof: 'start_conversation' };

/** The browser's local date and time as an ISO instant with offset; an unreadable value is sent as typed, for the server to name. */
function toInstant(date: string, time: string): string {
  const local = new Date(`${date}T${time || '00:00'}`);
  return Number.isNaN(local.getTime()) ? `${date}T${time}` : local.toISOString();
}

function CreateMeetingForm({ item }: { item: Case }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const form = useScopedForm();
  const [type, setType] = useState<MeetingType>(defaultType[item.model]);
  const [template, setTemplate] = useState<MeetingTemplate>(item.model === 'sof' ? 'loft' : 'signs_of_safety');
  const [childContact, setChildContact] = useState<'conversation' | 'observation'>('conversation');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState('09:00');
  const [location, setLocation] = useState('');
  const [chair, setChair] = useState(true);
  const labels = {
    type: t('meeting.type'), template: t('meeting.template'), childContact: t('meeting.childContact'), title: t('meeting.titleField'),
    scheduledAt: t('meeting.date'), time: t('meeting.time'), location: t('meeting.location'), participants: t('meeting.participants'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const created = await meetingApi.create(item.id, {
        type, template, childContact: type === 'child_conversation' ? childContact : null, title: orNull(title), scheduledAt: toInstant(date, time),
        location: orNull(location), participants: chair ? [{ kind: 'user', userId: user.id, role: 'chair' }] : [],
      });
      await navigate(`/meetings/${created.id}`, { state: { flash: t('meeting.created') } });
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <SelectField
        name="type" label={labels.type} value={type} onChange={(v) => setType(v as MeetingType)} placeholder={false}
        options={meetingTypes.map((x) => ({ value: x, label: t(`meeting.types.${x}`) }))} error={form.fieldError('type')}
        hint={type === 'analysis_meeting' ? t('meeting.analysisHint') : undefined}
      />
      {type === 'child_conversation' && (
        <ChoiceGroup name="childContact" legend={labels.childContact} error={form.fieldError('childContact')}>
          {(['conversation', 'observation'] as const).map((c, index) => (
            <Radio key={c} name="childContact" value={c} first={index === 0} label={t(`meeting.childContacts.${c}`)} checked={childContact === c} onChange={() => setChildContact(c)} />
          ))}
        </ChoiceGroup>
      )}
      <ChoiceGroup name="template" legend={labels.template} hint={t('meeting.templateHint')} error={form.fieldError('template')}>
        {meetingTemplates.map((x, index) => (
          <Radio key={x} name="template" value={x} first={index === 0} label={t(`meeting.templates.${x}`)} hint={t(`meeting.templateColumns.${x}`)}
            checked={template === x} onChange={() => setTemplate(x)} />
        ))}
      </ChoiceGroup>
      <TextField name="title" label={labels.title} optional value={title} onChange={setTitle} error={form.fieldError('title')} />
      <TextField name="scheduledAt" label={labels.scheduledAt} type="date" value={date} onChange={setDate} error={form.fieldError('scheduledAt')} />
      <TextField name="time" label={labels.time} type="time" value={time} onChange={setTime} />
      <TextField name="location" label={labels.location} optional value={location} onChange={setLocation} error={form.fieldError('location')} />
      <CheckboxField name="chair" label={t('meeting.iChair')} checked={chair} onChange={setChair} />
      <SubmitRow label={t('meeting.createSubmit')} submitting={form.submitting} cancelTo={`/cases/${item.id}`} />
    </form>
  );
}

/** Plan a meeting of a case: type, method template for the agenda, time and place. */
export function CreateMeetingPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const resource = useResource(() => caseApi.get(caseId), caseId);
  const item = resource.data;
  usePageTitle(t('meeting.createTitle'));
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(item ? [{ label: t('case.title', { number: item.caseNumber }), to: `/cases/${item.id}` }] : []),
          { label: t('meeting.createTitle') },
        ]}
      />
      <h1>{t('meeting.createTitle')}</h1>
      {resource.loading && !item && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {item && <CreateMeetingForm item={item} />}
    </>
  );
}
