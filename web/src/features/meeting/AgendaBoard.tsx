import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { flowErrorText, useScopedForm } from '../flow/errors';
import { meetingApi, type ColumnKey, type Meeting } from './api';
import type { OnMeeting } from './MeetingPage';

/** A column's heading in the words of its method (the same key, e.g. "worries", reads differently in SoS and LØFT). */
function columnLabel(t: TFunction, meeting: Meeting, column: ColumnKey): string {
  return t(`meeting.columns.${meeting.template}.${column}` as 'meeting.columns.loft.worries');
}

/**
 * The agenda as the method's whiteboard: one column per heading of the template (Signs of Safety's three questions,
 * LØFT's four columns, the ICS triangle's three sides, or one free list), points written into each.
 */
export function AgendaBoard({ meeting, onChange }: { meeting: Meeting; onChange: OnMeeting }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const canRecord = meeting.abilities.canRecord === true;
  const remove = async (pointId: string, version: number) => {
    setError(null);
    try {
      onChange(await meetingApi.deletePoint(pointId, version), t('meeting.pointRemoved'));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'internal', String(caught)));
    }
  };
  return (
    <section aria-labelledby="meeting-agenda">
      <h2 id="meeting-agenda">{t('meeting.agenda', { template: t(`meeting.templates.${meeting.template}`) })}</h2>
      {error && <Alert variant="error" live>{flowErrorText(t, error.code, error.message)}</Alert>}
      <div className="row">
        {meeting.columns.map((column) => (
          <div key={column.key} className={`col-12 ${meeting.columns.length === 4 ? 'col-lg-3' : meeting.columns.length === 3 ? 'col-lg-4' : ''}`.trim()}>
            <h3 id={`column-${column.key}`}>{columnLabel(t, meeting, column.key)}</h3>
            {column.points.length === 0 ? <p className="small-text">{t('meeting.noPoints')}</p> : (
              <ul aria-labelledby={`column-${column.key}`}>
                {column.points.map((p) => (
                  <li key={p.id}>
                    {p.text}
                    {canRecord && (
                      <button type="button" className="function-link ml-3" onClick={() => void remove(p.id, p.version)}>
                        {t('meeting.remove')}<span className="sr-only"> – {p.text}</span>
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canRecord && <AddPoint meeting={meeting} column={column.key} onChange={onChange} />}
          </div>
        ))}
      </div>
    </section>
  );
}

function AddPoint({ meeting, column, onChange }: { meeting: Meeting; column: ColumnKey; onChange: OnMeeting }) {
  const { t } = useTranslation();
  const form = useScopedForm(`point-${column}`);
  const [text, setText] = useState('');
  const columnName = columnLabel(t, meeting, column);
  const labels = { text: t('meeting.newPoint', { column: columnName }) };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      onChange(await meetingApi.addPoint(meeting.id, { column, text }), t('meeting.pointAdded', { column: columnName }));
      setText('');
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={labels} />
      <TextAreaField name={form.name('text')} label={labels.text} rows={2} value={text} onChange={setText} error={form.fieldError('text')} />
      <SubmitRow label={t('meeting.addPoint')} submitting={form.submitting} />
    </form>
  );
}
