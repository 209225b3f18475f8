import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { CheckboxField } from '../../components/form/CheckboxField';
import { FormErrors } from '../../components/form/FormErrors';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatDate, orNull } from '../../lib/format';
import { transitionTrackApi, type TransitionStep, type TransitionTrack } from './api';

function ContactForm({ track, onSaved }: { track: TransitionTrack; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [name, setName] = useState(track.adultContact?.name ?? '');
  const [unit, setUnit] = useState(track.adultContact?.unit ?? '');
  const [phone, setPhone] = useState(track.adultContact?.phone ?? '');
  const [email, setEmail] = useState(track.adultContact?.email ?? '');
  const labels = {
    adultContactName: t('leadingPractice.track.contactName'), adultContactUnit: t('leadingPractice.track.contactUnit'),
    adultContactPhone: t('leadingPractice.track.contactPhone'), adultContactEmail: t('leadingPractice.track.contactEmail'),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await transitionTrackApi.save(track.caseId, {
        adultContactName: orNull(name), adultContactUnit: orNull(unit), adultContactPhone: orNull(phone), adultContactEmail: orNull(email),
        version: track.version ?? 0,
      });
      onSaved();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} onReload={onSaved} />
      <TextField name="adultContactName" label={labels.adultContactName} optional value={name} onChange={setName} error={form.fieldError('adultContactName')} />
      <TextField name="adultContactUnit" label={labels.adultContactUnit} optional value={unit} onChange={setUnit} error={form.fieldError('adultContactUnit')} />
      <TextField name="adultContactPhone" label={labels.adultContactPhone} optional type="tel" value={phone} onChange={setPhone} error={form.fieldError('adultContactPhone')} />
      <TextField name="adultContactEmail" label={labels.adultContactEmail} optional type="email" value={email} onChange={setEmail} error={form.fieldError('adultContactEmail')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('leadingPractice.track.saveContact')}</button>
    </form>
  );
}

/** One step's "done" box: sends the step's version, and shows "changed by someone else" with a reload on 409. */
function StepItem({ step, label, onSaved }: { step: TransitionStep; label: string; onSaved: () => void }) {
  const form = useApiForm();
  const toggle = (done: boolean) => void form.run(async () => {
    await transitionTrackApi.updateStep(step.id, { done, version: step.version });
    onSaved();
  });
  return (
    <>
      <FormErrors form={form} labels={{}} onReload={onSaved} />
      <CheckboxField name={`step-${step.id}`} label={label} checked={step.doneOn !== null} onChange={toggle} />
    </>
  );
}

function StepForm({ track, onSaved }: { track: TransitionTrack; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [title, setTitle] = useState('');
  const [plannedOn, setPlannedOn] = useState('');
  const labels = { title: t('leadingPractice.track.stepTitle'), plannedOn: t('leadingPractice.track.stepDate') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await transitionTrackApi.addStep(track.caseId, { title, plannedOn });
      setTitle('');
      setPlannedOn('');
      onSaved();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      <TextField name="stepTitle" label={labels.title} value={title} onChange={setTitle} error={form.fieldError('title')} />
      <TextField name="stepPlannedOn" label={labels.plannedOn} hint={t('leadingPractice.track.stepDateHint')} type="date" className="input-width-s" value={plannedOn} onChange={setPlannedOn} error={form.fieldError('plannedOn')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('leadingPractice.track.addStep')}</button>
    </form>
  );
}

/** The transition track (issue 9 item 4): shown on the transition page from the municipality's track age (default 16). */
export function TransitionTrackSection({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => transitionTrackApi.get(caseId), `track-${caseId}`);
  const track = resource.data;
  const date = (value: string | null) => formatDate(value, i18n.language) ?? t('app.dash');
  if (resource.loading && !track) return <Loading />;
  if (resource.error) return <LoadError error={resource.error} />;
  if (!track) return null;
  const canEdit = track.abilities.canEdit === true;
  return (
    <section aria-labelledby="transition-track">
      <h2 id="transition-track">{t('leadingPractice.track.heading')}</h2>
      {!track.shown && <p>{t('leadingPractice.track.notYet', { age: track.trackAge, date: date(track.opensOn) })}</p>}
      {track.shown && (
        <>
          {track.alert && <Alert variant="warning" heading={t('leadingPractice.track.alertHeading')} headingLevel={3}>{t('leadingPractice.track.alert', { date: date(track.startBy) })}</Alert>}
          <dl>
            <dt>{t('leadingPractice.track.deadline')}</dt><dd>{date(track.eighteenOn)}</dd>
            <dt>{t('leadingPractice.track.startBy')}</dt><dd>{date(track.startBy)}</dd>
            <dt>{t('leadingPractice.track.contact')}</dt>
            <dd>{track.adultContact?.name ? [track.adultContact.name, track.adultContact.unit, track.adultContact.phone, track.adultContact.email].filter(Boolean).join(', ') : t('app.dash')}</dd>
          </dl>
          <h3>{t('leadingPractice.track.steps')}</h3>
          {track.steps.length === 0 && <p>{t('leadingPractice.track.noSteps')}</p>}
          <ul className="nobullet-list">
            {track.steps.map((s) => (
              <li key={s.id}>
                {canEdit ? (
                  <StepItem key={s.version} step={s} label={`${date(s.plannedOn)}: ${s.title}${s.overdue ? ` (${t('leadingPractice.track.overdue')})` : ''}`} onSaved={resource.reload} />
                ) : (
                  <span>{`${date(s.plannedOn)}: ${s.title}${s.doneOn ? ` ✓ ${date(s.doneOn)}` : ''}`}</span>
                )}
              </li>
            ))}
          </ul>
          {canEdit && (
            <>
              <h3>{t('leadingPractice.track.addStepHeading')}</h3>
              <StepForm track={track} onSaved={resource.reload} />
              <h3>{t('leadingPractice.track.contactHeading')}</h3>
              <ContactForm key={track.version ?? 0} track={track} onSaved={resource.reload} />
            </>
          )}
        </>
      )}
    </section>
  );
}
