import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { errorText } from '../../lib/labels';
import type { Answer, Questionnaire } from './api';

const surveyErrorCodes = ['already_answered', 'wave_closed', 'survey_answers_invalid', 'too_few_answers'] as const;
type SurveyErrorCode = (typeof surveyErrorCodes)[number];

/** The survey's own error codes in the page's language; others as the app translates them. */
export function surveyErrorText(t: TFunction, error: ApiError): string {
  return (surveyErrorCodes as readonly string[]).includes(error.code) ? t(`survey.errors.${error.code as SurveyErrorCode}`) : errorText(t, error.code, error.message);
}

/**
 * The questionnaire (issue 10 items 1-2): one radio group per item, 1-6 with the scale's labels and "Ved ikke"
 * (stored as missing, never a number), grouped by theme; free-text items as a text area. Used by the portal, the
 * one-time link and the staff page.
 */
export function SurveyForm({ questionnaire, onSubmit }: { questionnaire: Questionnaire; onSubmit: (answers: Answer[]) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [values, setValues] = useState<Record<string, string>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(questionnaire.answered);

  if (done) return <Alert variant="success" live>{t('survey.answer.thanks')}</Alert>;
  if (!questionnaire.open) return <Alert variant="info">{t('survey.answer.closed')}</Alert>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const answers: Answer[] = questionnaire.themes.flatMap((theme) => theme.items.flatMap((item): Answer[] => {
      if (item.kind === 'free_text') return texts[item.key]?.trim() ? [{ itemKey: item.key, value: null, text: texts[item.key]!.trim() }] : [];
      const chosen = values[item.key];
      if (chosen === undefined) return [];
      return [{ itemKey: item.key, value: chosen === 'dont_know' ? null : Number(chosen) }];
    }));
    onSubmit(answers).then(() => setDone(true), (e: ApiError) => setError(e)).finally(() => setSubmitting(false));
  };

  // Questions are numbered through the whole questionnaire, not per theme.
  const numbering = questionnaire.themes.flatMap((theme) => theme.items.filter((i) => i.kind === 'scale').map((i) => i.key));
  const scaleLabel = (value: number) => {
    const label = questionnaire.scale.find((s) => s.value === value);
    return label ? `${value} – ${en ? label.en : label.da}` : String(value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('survey.answer.intro')}</p>
      <p>{t('survey.answer.anonymous')}</p>
      {error && <Alert variant="error" live>{surveyErrorText(t, error)}</Alert>}
      {questionnaire.themes.map((theme) => (
        <section key={theme.key} className="mb-6">
          <h2>{en ? theme.titleEn : theme.titleDa}</h2>
          {theme.items.map((item) => {
            const index = numbering.indexOf(item.key);
            const text = `${t('survey.answer.stem')} ${(en ? item.textEn : item.textDa).replace(/^…\s*/, '')}`;
            const name = `survey-${item.key}`;
            if (item.kind === 'free_text') {
              return (
                <div className="form-group" key={item.key}>
                  <label className="form-label" htmlFor={name}>{en ? item.textEn : item.textDa}</label>
                  <textarea className="form-input" id={name} rows={3} value={texts[item.key] ?? ''} onChange={(e) => setTexts({ ...texts, [item.key]: e.target.value })} />
                </div>
              );
            }
            return (
              <div className="form-group" key={item.key}>
                <fieldset>
                  <legend className="form-label">{`${index + 1}. ${text}`}</legend>
                  <div className="survey-scale">
                    {[...questionnaire.scale.map((s) => String(s.value)), 'dont_know'].map((value) => (
                      <div className="form-group-radio" key={value}>
                        <input type="radio" className="form-radio" id={`${name}-${value}`} name={name} value={value}
                          checked={values[item.key] === value} onChange={() => setValues({ ...values, [item.key]: value })} />
                        <label className="form-label" htmlFor={`${name}-${value}`}>
                          {value === 'dont_know' ? (en ? questionnaire.dontKnow.en : questionnaire.dontKnow.da) : scaleLabel(Number(value))}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
            );
          })}
        </section>
      ))}
      <button type="submit" className="button button-primary" disabled={submitting}>{t('survey.answer.submit')}</button>
    </form>
  );
}
