import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/form/SelectField';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { orNull } from '../../lib/format';
import { childViewsMethods, type ChildViewsMethod } from './api';

/** The child's views as typed into the form (empty strings for empty fields). */
export interface ChildViewsValues {
  method: string;
  viewsOn: string;
  views: string;
  notObtainedReason: string;
}

export const emptyChildViews: ChildViewsValues = { method: '', viewsOn: '', views: '', notObtainedReason: '' };

/** The fields' labels by API field name, for the form's error summary (FormErrors links each to its input). */
export function childViewsLabels(t: TFunction) {
  return {
    childViewsMethod: t('decision.childViewsMethod'), childViewsOn: t('decision.childViewsOn'), childViews: t('decision.childViews'),
    childViewsNotObtainedReason: t('decision.childViewsNotObtainedReason'),
  };
}

/** The values as the API takes them (a decision and a proposal name them alike): empty fields are null. */
export function childViewsBody(values: ChildViewsValues) {
  return {
    childViewsMethod: orNull(values.method) as ChildViewsMethod | null, childViewsOn: orNull(values.viewsOn), childViews: orNull(values.views),
    childViewsNotObtainedReason: orNull(values.notObtainedReason),
  };
}

interface ChildViewsFieldsProps {
  values: ChildViewsValues;
  onChange: (values: ChildViewsValues) => void;
  /** The API's message for a field, by API field name (the form's `fieldError`). */
  errors: (field: string) => string | undefined;
  /** The proposal form's shorter variant: no introduction or hint, smaller text boxes. The decision form explains the duty. */
  compact?: boolean;
}

/**
 * The child's views or why they were not obtained (Barnets Lov §5), as the decision form and the core team's proposal
 * form ask for them; the server checks the duty (src/modules/decision/rules.ts), these fields only collect it.
 */
export function ChildViewsFields({ values, onChange, errors, compact = false }: ChildViewsFieldsProps) {
  const { t } = useTranslation();
  const labels = childViewsLabels(t);
  const set = (field: keyof ChildViewsValues) => (value: string) => onChange({ ...values, [field]: value });
  return (
    <fieldset className="mt-6">
      <legend className="h3">{t('decision.childViewsHeading')}</legend>
      {!compact && <p>{t('decision.childViewsIntro')}</p>}
      <SelectField
        name="childViewsMethod" label={labels.childViewsMethod} value={values.method} onChange={set('method')}
        options={childViewsMethods.map((m) => ({ value: m, label: t(`decision.methods.${m}`) }))} error={errors('childViewsMethod')}
      />
      <TextField
        name="childViewsOn" label={labels.childViewsOn} type="date" className="input-width-s" value={values.viewsOn} onChange={set('viewsOn')}
        error={errors('childViewsOn')}
      />
      <TextAreaField name="childViews" label={labels.childViews} rows={compact ? 3 : 4} value={values.views} onChange={set('views')} error={errors('childViews')} />
      <TextAreaField
        name="childViewsNotObtainedReason" label={labels.childViewsNotObtainedReason} hint={compact ? undefined : t('decision.childViewsNotObtainedHint')}
        optional rows={compact ? 2 : 3} value={values.notObtainedReason} onChange={set('notObtainedReason')} error={errors('childViewsNotObtainedReason')}
      />
    </fieldset>
  );
}
