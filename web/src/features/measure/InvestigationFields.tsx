import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure } from '../../api/types';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm, type ApiForm } from '../../components/form/useApiForm';
import { formatDate, todayIso } from '../../lib/format';
import { assessmentApi } from '../assessment/api';

/**
 * Barnets Lov §20 stk. 3 on the measure form: for a legal basis with a completion deadline (the legal-bases API's
 * completionMonths), the day the municipality became aware of the need, and the clock it starts.
 */
export function AwareOnField({ value, onChange, form, measure }: { value: string; onChange: (value: string) => void; form: ApiForm; measure?: Measure }) {
  const { t, i18n } = useTranslation();
  const due = measure?.investigationDueOn ? formatDate(measure.investigationDueOn, i18n.language) : null;
  const daysLeft = measure?.investigationDaysLeft ?? null;
  return (
    <>
      <TextField
        name="awareOn" label={t('assessment.awareOn')} hint={t('assessment.awareOnHint')} type="date" className="input-width-s"
        value={value} onChange={onChange} error={form.fieldError('awareOn')}
      />
      {due && daysLeft !== null && (
        <p className="font-lead">
          {daysLeft >= 0 ? t('assessment.investigationDue', { date: due, count: daysLeft }) : t('assessment.investigationOverdue', { date: due, count: -daysLeft })}
        </p>
      )}
    </>
  );
}

/**
 * Barnets Lov §20 stk. 3: the provisional assessment (foreløbig vurdering) when the investigation is not finished by
 * its deadline. Shown once the server says it may be recorded (from the due date), or when one exists.
 */
export function ProvisionalAssessmentForm({ measure, onSaved, onReload }: { measure: Measure; onSaved: () => void; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const form = useApiForm();
  const [on, setOn] = useState(measure.provisionalAssessmentOn ?? todayIso());
  const [text, setText] = useState(measure.provisionalAssessment ?? '');
  const [saved, setSaved] = useState(false);
  const labels = { on: t('assessment.provisionalOn'), text: t('assessment.provisionalText') };
  const due = formatDate(measure.investigationDueOn, i18n.language) ?? '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.run(async () => {
      await assessmentApi.provisionalAssessment(measure.id, { on, text, version: measure.version });
      setSaved(true);
      onSaved();
    });
  };
  return (
    <section aria-labelledby="provisional-assessment" className="mt-8">
      <h2 id="provisional-assessment">{t('assessment.provisionalHeading')}</h2>
      <p>{t('assessment.provisionalIntro', { date: due })}</p>
      {saved && <Alert variant="success" live>{t('assessment.provisionalSaved')}</Alert>}
      {measure.provisionalAssessmentOn && (
        <p>{t('assessment.provisionalRecorded', { date: formatDate(measure.provisionalAssessmentOn, i18n.language) })}</p>
      )}
      {measure.provisionalAssessmentAllowed && (
        <form onSubmit={onSubmit} noValidate>
          <FormErrors form={form} labels={labels} onReload={onReload} />
          <TextField name="on" label={labels.on} type="date" className="input-width-s" value={on} onChange={setOn} error={form.fieldError('on')} />
          <TextAreaField name="text" label={labels.text} rows={5} value={text} onChange={setText} error={form.fieldError('text')} />
          <SubmitRow label={t('assessment.provisionalSave')} submitting={form.submitting} />
        </form>
      )}
    </section>
  );
}
