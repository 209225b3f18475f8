import { useTranslation } from 'react-i18next';
import type { MeasureDuties } from '../../api/types';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import type { ApiForm } from '../../components/form/useApiForm';
import { formatDate } from '../../lib/format';

export type DutyValues = { [K in keyof MeasureDuties]: string };

export const emptyDuties: DutyValues = {
  purpose: '', expectedDuration: '', custodyConsentOn: '', childPlanDecision: '', childPlanDecidedOn: '', childPlanReason: '', childPlanCompletedOn: '',
};

/** Labels of the duty fields, for the error summary. */
export function useDutyLabels(): Record<keyof MeasureDuties, string> {
  const { t } = useTranslation();
  return {
    purpose: t('measureForm.purpose'), expectedDuration: t('measureForm.expectedDuration'), custodyConsentOn: t('measureForm.custodyConsentOn'),
    childPlanDecision: t('measureForm.childPlanDecision'), childPlanDecidedOn: t('measureForm.childPlanDecidedOn'),
    childPlanReason: t('measureForm.childPlanReason'), childPlanCompletedOn: t('measureForm.childPlanCompletedOn'),
  };
}

/**
 * Barnets Lov §32 stk. 2-3 and §91 for a support measure or placement. The server decides which are required
 * (measure/rules.ts checkMeasureDuties) and names each missing field; this form only shows them where they apply.
 */
export function MeasureDutiesFields({ values, onChange, form, dueOn }: {
  values: DutyValues; onChange: (values: DutyValues) => void; form: ApiForm; dueOn: string | null;
}) {
  const { t, i18n } = useTranslation();
  const labels = useDutyLabels();
  const set = (key: keyof DutyValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <fieldset className="mt-6">
      <legend className="h3">{t('measureForm.duties')}</legend>
      <p>{t('measureForm.dutiesIntro')}</p>
      <TextAreaField name="purpose" label={labels.purpose} rows={3} value={values.purpose} onChange={set('purpose')} error={form.fieldError('purpose')} />
      <TextField
        name="expectedDuration" label={labels.expectedDuration} hint={t('measureForm.expectedDurationHint')} className="input-width-m"
        value={values.expectedDuration} onChange={set('expectedDuration')} error={form.fieldError('expectedDuration')}
      />
      <TextField
        name="custodyConsentOn" label={labels.custodyConsentOn} hint={t('measureForm.custodyConsentHint')} type="date" className="input-width-s"
        value={values.custodyConsentOn} onChange={set('custodyConsentOn')} error={form.fieldError('custodyConsentOn')}
      />
      <ChoiceGroup name="childPlanDecision" legend={labels.childPlanDecision} error={form.fieldError('childPlanDecision')}>
        <Radio name="childPlanDecision" value="made" first label={t('measureForm.childPlanMade')} checked={values.childPlanDecision === 'made'} onChange={set('childPlanDecision')} />
        <Radio name="childPlanDecision" value="not_made" label={t('measureForm.childPlanNotMade')} checked={values.childPlanDecision === 'not_made'} onChange={set('childPlanDecision')} />
      </ChoiceGroup>
      {values.childPlanDecision !== '' && (
        <TextField
          name="childPlanDecidedOn" label={labels.childPlanDecidedOn} type="date" className="input-width-s"
          value={values.childPlanDecidedOn} onChange={set('childPlanDecidedOn')} error={form.fieldError('childPlanDecidedOn')}
        />
      )}
      {values.childPlanDecision === 'not_made' && (
        <TextAreaField name="childPlanReason" label={labels.childPlanReason} rows={2} value={values.childPlanReason} onChange={set('childPlanReason')} error={form.fieldError('childPlanReason')} />
      )}
      {values.childPlanDecision === 'made' && (
        <>
          {dueOn && <p className="font-lead">{t('measureForm.childPlanDue', { date: formatDate(dueOn, i18n.language) })}</p>}
          <TextField
            name="childPlanCompletedOn" label={labels.childPlanCompletedOn} type="date" optional className="input-width-s"
            value={values.childPlanCompletedOn} onChange={set('childPlanCompletedOn')} error={form.fieldError('childPlanCompletedOn')}
          />
        </>
      )}
    </fieldset>
  );
}
