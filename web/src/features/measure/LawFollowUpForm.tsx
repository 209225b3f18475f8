import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import type { Measure } from '../../api/types';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { formatDate, orNull, todayIso } from '../../lib/format';

/** PUT /api/measures/:id/law-follow-up (server: src/modules/measure/law-follow-up.ts). */
interface LawFollowUpInput {
  months: number | null; reasons: string | null; decidedOn: string | null; explainedToChildOn: string | null; explainedToParentsOn: string | null; version: number;
}
const recordLawFollowUp = (measureId: string, input: LawFollowUpInput) =>
  request<Measure>('PUT', `/measures/${encodeURIComponent(measureId)}/law-follow-up`, input);

/**
 * Barnets Lov §95 on the measure page: at the first follow-up of a §32 support measure the municipality decides the
 * cadence of the next follow-ups, records it with its reasons and explains it to the child and the parents. Shown for
 * the measures the server says it applies to (`lawFollowUpApplies`); the server checks the rest and names each field.
 */
export function LawFollowUpForm({ measure, onSaved, onReload }: { measure: Measure; onSaved: () => void; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const form = useApiForm();
  const [months, setMonths] = useState(measure.lawFollowUpMonths === null ? '' : String(measure.lawFollowUpMonths));
  const [reasons, setReasons] = useState(measure.lawFollowUpReasons ?? '');
  const [decidedOn, setDecidedOn] = useState(measure.lawFollowUpDecidedOn ?? todayIso());
  const [explainedToChildOn, setExplainedToChildOn] = useState(measure.explainedToChildOn ?? '');
  const [explainedToParentsOn, setExplainedToParentsOn] = useState(measure.explainedToParentsOn ?? '');
  const [saved, setSaved] = useState(false);
  const labels = {
    months: t('measureForm.lawFollowUp.months'), reasons: t('measureForm.lawFollowUp.reasons'), decidedOn: t('measureForm.lawFollowUp.decidedOn'),
    explainedToChildOn: t('measureForm.lawFollowUp.explainedToChildOn'), explainedToParentsOn: t('measureForm.lawFollowUp.explainedToParentsOn'),
  };
  const date = (value: string | null) => formatDate(value, i18n.language) ?? '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.run(async () => {
      await recordLawFollowUp(measure.id, {
        months: months.trim() === '' ? null : Number(months), reasons: orNull(reasons), decidedOn: orNull(decidedOn),
        explainedToChildOn: orNull(explainedToChildOn), explainedToParentsOn: orNull(explainedToParentsOn), version: measure.version,
      });
      setSaved(true);
      onSaved();
    });
  };
  return (
    <section aria-labelledby="law-follow-up" className="mt-8">
      <h2 id="law-follow-up">{t('measureForm.lawFollowUp.heading')}</h2>
      <p>{t('measureForm.lawFollowUp.intro')}</p>
      {saved && <Alert variant="success" live>{t('measureForm.lawFollowUp.saved')}</Alert>}
      {measure.lawFollowUpMonths !== null && measure.lawFollowUpDecidedOn && (
        <p>{t('measureForm.lawFollowUp.recorded', { count: measure.lawFollowUpMonths, date: date(measure.lawFollowUpDecidedOn) })}</p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <FormErrors form={form} labels={labels} onReload={onReload} />
        <TextField
          name="months" label={labels.months} hint={t('measureForm.lawFollowUp.monthsHint')} inputMode="numeric" className="input-width-xs"
          value={months} onChange={setMonths} error={form.fieldError('months')}
        />
        <TextAreaField name="reasons" label={labels.reasons} rows={3} value={reasons} onChange={setReasons} error={form.fieldError('reasons')} />
        <TextField
          name="decidedOn" label={labels.decidedOn} hint={t('measureForm.lawFollowUp.decidedOnHint')} type="date" className="input-width-s"
          value={decidedOn} onChange={setDecidedOn} error={form.fieldError('decidedOn')}
        />
        <TextField
          name="explainedToChildOn" label={labels.explainedToChildOn} type="date" optional className="input-width-s"
          value={explainedToChildOn} onChange={setExplainedToChildOn} error={form.fieldError('explainedToChildOn')}
        />
        <TextField
          name="explainedToParentsOn" label={labels.explainedToParentsOn} type="date" optional className="input-width-s"
          value={explainedToParentsOn} onChange={setExplainedToParentsOn} error={form.fieldError('explainedToParentsOn')}
        />
        <SubmitRow label={t('measureForm.lawFollowUp.save')} submitting={form.submitting} />
      </form>
    </section>
  );
}
