import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { labelFor } from '../../lib/labels';
import { staffOptions } from '../case/staffOptions';
import { flowErrorText, useScopedForm } from '../flow/errors';
import { meetingApi, type Meeting, type ParticipantInput, type ParticipantRole } from './api';
import type { OnMeeting } from './MeetingPage';
import type { MeetingPeople } from './useMeetingPeople';

const roles: ParticipantRole[] = ['participant', 'chair', 'minute_taker'];

/** Who takes part and in which role: chair and minute taker (000:586-589), staff, partners, family, guests. */
export function Participants({ meeting, people, onChange }: { meeting: Meeting; people: MeetingPeople | undefined; onChange: OnMeeting }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const canEdit = meeting.abilities.canEdit === true;
  const remove = async (participantId: string, name: string) => {
    setError(null);
    try {
      onChange(await meetingApi.removeParticipant(participantId), t('meeting.participantRemoved', { name }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };
  return (
    <section aria-labelledby="meeting-participants">
      <h2 id="meeting-participants">{t('meeting.participants')}</h2>
      {error && <Alert variant="error" live>{flowErrorText(t, error.code, error.message)}</Alert>}
      {meeting.participants.length === 0 ? <p>{t('meeting.noParticipants')}</p> : (
        <ResponsiveTable>
          <caption>{t('meeting.participantsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meeting.participantName')}</th>
              <th scope="col">{t('meeting.participantCategory')}</th>
              <th scope="col">{t('meeting.participantRole')}</th>
              {canEdit && <th scope="col"><span className="sr-only">{t('family.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {meeting.participants.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>
                  {t(`meeting.categories.${p.category}`)}
                  {(p.organisation || p.relation) && (
                    <span className="d-block small-text"><OrDash value={p.relation ? labelFor(t, 'relation', p.relation) : p.organisation} /></span>
                  )}
                </td>
                <td>{t(`meeting.roles.${p.role}`)}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="function-link" onClick={() => void remove(p.id, p.name)}>
                      {t('meeting.remove')}<span className="sr-only"> – {p.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
      {canEdit && <AddParticipant meeting={meeting} people={people} onChange={onChange} />}
    </section>
  );
}

function AddParticipant({ meeting, people, onChange }: { meeting: Meeting; people: MeetingPeople | undefined; onChange: OnMeeting }) {
  const { t } = useTranslation();
  const form = useScopedForm('participant');
  const kinds = (['user', ...(meeting.familyMayAttend ? ['person' as const] : []), 'guest'] as const);
  const [kind, setKind] = useState<'user' | 'person' | 'guest'>('user');
  const [userId, setUserId] = useState('');
  const [personId, setPersonId] = useState('');
  const [guestName, setGuestName] = useState('');
  const [guestOrganisation, setGuestOrganisation] = useState('');
  const [role, setRole] = useState<ParticipantRole>('participant');
  const labels = {
    kind: t('meeting.participantKind'), userId: t('meeting.staffMember'), personId: t('meeting.familyMember'), guestName: t('meeting.guestName'),
    guestOrganisation: t('meeting.guestOrganisation'), role: t('meeting.participantRole'),
  };
  const taken = new Set(meeting.participants.map((p) => p.userId ?? p.personId));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input: ParticipantInput = kind === 'user' ? { kind, userId, role } : kind === 'person' ? { kind, personId, role }
      : { kind, guestName, guestOrganisation: guestOrganisation.trim() || null, role };
    void form.run(async () => {
      onChange(await meetingApi.addParticipant(meeting.id, input), t('meeting.participantAdded'));
      setUserId(''); setPersonId(''); setGuestName(''); setGuestOrganisation(''); setRole('participant');
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="add-participant-heading" className="mt-5">
      <h3 id="add-participant-heading">{t('meeting.addParticipant')}</h3>
      <FormErrors form={form} labels={labels} />
      <ChoiceGroup name={form.name('kind')} legend={labels.kind} error={form.fieldError('kind')}>
        {kinds.map((k, index) => (
          <Radio key={k} name={form.name('kind')} value={k} first={index === 0} label={t(`meeting.participantKinds.${k}`)} checked={kind === k} onChange={() => setKind(k)} />
        ))}
      </ChoiceGroup>
      {kind === 'user' && (
        <SelectField
          name={form.name('userId')} label={labels.userId} value={userId} onChange={setUserId} error={form.fieldError('userId')}
          options={staffOptions((people?.staff ?? []).filter((s) => !taken.has(s.id)), people?.departments ?? [])}
        />
      )}
      {kind === 'person' && (
        <SelectField
          name={form.name('personId')} label={labels.personId} value={personId} onChange={setPersonId} error={form.fieldError('personId')}
          options={(people?.members ?? []).filter((m) => !taken.has(m.person.id)).map((m) => ({
            value: m.person.id, label: `${m.person.firstName} ${m.person.lastName} (${labelFor(t, 'relation', m.relation)})`,
          }))}
        />
      )}
      {kind === 'guest' && (
        <>
          <TextField name={form.name('guestName')} label={labels.guestName} value={guestName} onChange={setGuestName} error={form.fieldError('guestName')} />
          <TextField name={form.name('guestOrganisation')} label={labels.guestOrganisation} optional value={guestOrganisation} onChange={setGuestOrganisation} error={form.fieldError('guestOrganisation')} />
        </>
      )}
      <SelectField
        name={form.name('role')} label={labels.role} hint={t('meeting.roleHint')} value={role} onChange={(v) => setRole(v as ParticipantRole)} placeholder={false}
        options={roles.map((r) => ({ value: r, label: t(`meeting.roles.${r}`) }))} error={form.fieldError('role')}
      />
      <SubmitRow label={t('meeting.addParticipantSubmit')} submitting={form.submitting} />
    </form>
  );
}
