import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { useScopedForm } from '../flow/errors';
import type { Meeting } from './api';
import type { OnMeeting } from './MeetingPage';

/** Issue 5 item 2: who beyond staff sees a piece of case information (src/platform/policy/visibility.ts). */
export type Visibility = 'internal' | 'family' | 'partners';
export const visibilities: readonly Visibility[] = ['internal', 'family', 'partners'];

/** The meeting as the API sends it since migration 0013: each item carries its classification. */
type Shared<T> = T & { visibility?: Visibility };
type SharedMeeting = Meeting & { visibility?: Visibility; minutesVisibility?: Visibility };

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/**
 * "Deles med": staff choose what of the meeting the family (and the partners) see in the family portal — the
 * appointment, the minutes text, and each point, decision and agreement. Everything written at a meeting is internal
 * until shared; sharing stays possible after the meeting is closed. The server decides; the portal shows only what
 * is shared (test/portal-classification.test.ts).
 */
export function MeetingSharing({ meeting, onChange, onReload }: { meeting: Meeting; onChange: OnMeeting; onReload: () => void }) {
  const { t } = useTranslation();
  const m = meeting as SharedMeeting;
  const form = useScopedForm('sharing');
  const points = meeting.columns.flatMap((c) => c.points) as Array<Shared<(typeof meeting.columns)[number]['points'][number]>>;
  const decisions = meeting.decisions as Array<Shared<Meeting['decisions'][number]>>;
  const agreements = meeting.agreements as Array<Shared<Meeting['agreements'][number]>>;
  const initial = () => Object.fromEntries([
    ['meeting', m.visibility ?? 'internal'], ['minutes', m.minutesVisibility ?? 'internal'],
    ...points.map((p) => [`point:${p.id}`, p.visibility ?? 'internal']),
    ...decisions.map((d) => [`decision:${d.id}`, d.visibility ?? 'internal']),
    ...agreements.map((a) => [`agreement:${a.id}`, a.visibility ?? 'internal']),
  ]) as Record<string, Visibility>;
  const [values, setValues] = useState<Record<string, Visibility>>(initial);
  if (!meeting.abilities.canUpdateAgreements) return null;
  const options = visibilities.map((v) => ({ value: v, label: t(`sharing.values.${v}`) }));
  const set = (key: string) => (value: string) => setValues((previous) => ({ ...previous, [key]: value as Visibility }));
  const select = (key: string, label: string) => (
    <SelectField key={key} name={form.name(key.replace(':', '-'))} label={`${label} — ${t('sharing.label')}`} value={values[key] ?? 'internal'}
      onChange={set(key)} options={options} placeholder={false} />
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const updated = await request<Meeting>('PUT', `/meetings/${encodeURIComponent(meeting.id)}/sharing`, {
        version: meeting.version,
        ...(meeting.familyMayAttend ? { visibility: values.meeting } : {}),
        minutesVisibility: values.minutes,
        points: points.map((p) => ({ id: p.id, visibility: values[`point:${p.id}`] })),
        decisions: decisions.map((d) => ({ id: d.id, visibility: values[`decision:${d.id}`] })),
        agreements: agreements.map((a) => ({ id: a.id, visibility: values[`agreement:${a.id}`] })),
      });
      onChange(updated, t('sharing.saved'));
    });
  };
  return (
    <section aria-labelledby="meeting-sharing">
      <h2 id="meeting-sharing">{t('sharing.heading')}</h2>
      {!meeting.familyMayAttend ? <Alert variant="info">{t('sharing.analysisInternal')}</Alert> : (
        <>
          <p>{t('sharing.intro')}</p>
          <form onSubmit={onSubmit} noValidate>
            <FormErrors form={form} labels={{}} onReload={onReload} />
            {select('meeting', t('sharing.appointment'))}
            {meeting.minutes && select('minutes', t('sharing.minutesText'))}
            {points.map((p) => select(`point:${p.id}`, t('sharing.point', { text: short(p.text) })))}
            {decisions.map((d) => select(`decision:${d.id}`, t('sharing.decision', { text: short(d.text) })))}
            {agreements.map((a) => select(`agreement:${a.id}`, t('sharing.agreement', { text: short(a.text) })))}
            <SubmitRow label={t('sharing.save')} submitting={form.submitting} />
          </form>
        </>
      )}
    </section>
  );
}
