import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { TextAreaField } from '../../components/form/TextAreaField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import { leaderApi, type Escalation } from './api';

function ResolveForm({ escalation, onDone }: { escalation: Escalation; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [note, setNote] = useState('');
  const name = `note-${escalation.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await leaderApi.resolve(escalation.id, { note, version: escalation.version });
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate className="mt-3">
      <FormErrors form={form} labels={{ note: t('leader.escalations.note') }} onReload={onDone} />
      <TextAreaField name={name} label={t('leader.escalations.note')} hint={t('leader.escalations.noteHint')} value={note} onChange={setNote} error={form.fieldError('note')} rows={2} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>
        {t('leader.escalations.resolve')}<span className="sr-only">{`: ${escalation.childName}`}</span>
      </button>
    </form>
  );
}

/** The team leader's escalations (issue 9 item 2): open ones until resolved, and those resolved in the last 90 days. */
export function EscalationsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('leader.escalations.title'));
  const list = useResource(() => leaderApi.escalations(), 'leader-escalations');
  const data = list.data;
  const open = data?.escalations.filter((e) => e.resolvedAt === null) ?? [];
  const resolved = data?.escalations.filter((e) => e.resolvedAt !== null) ?? [];
  return (
    <>
      <p><Link to="/leader">{t('leader.back')}</Link></p>
      <h1>{t('leader.escalations.title')}</h1>
      <p className="font-lead">{t('leader.escalations.intro')}</p>
      {list.loading && !data && <Loading />}
      {list.error && <LoadError error={list.error} />}
      {data && (
        <>
          <h2>{t('leader.escalations.openHeading')} <span className="weight-normal">({open.length})</span></h2>
          {open.length === 0 && <Alert variant="success">{t('leader.escalations.noneOpen')}</Alert>}
          <ul className="nobullet-list">
            {open.map((e) => (
              <li key={e.id} className="mb-6">
                <h3 className="h4"><Link to={`/cases/${e.caseId}`}>{e.childName}</Link> · {e.caseNumber}</h3>
                <p>
                  {t('leader.escalations.line', { due: formatDate(e.dueOn, i18n.language), days: e.daysOverdue, escalated: formatDate(e.escalatedOn, i18n.language) })}
                  {' '}{t('leader.escalations.lead', { name: e.leadName ?? t('leader.compliance.noLead') })}
                  {' '}<Link to={`/cases/${e.caseId}/handover`}>{t('leader.overdue.handover')}<span className="sr-only">{`: ${e.childName}`}</span></Link>
                </p>
                <ResolveForm escalation={e} onDone={list.reload} />
              </li>
            ))}
          </ul>
          <h2 className="mt-7">{t('leader.escalations.resolvedHeading')} <span className="weight-normal">({resolved.length})</span></h2>
          <ul>
            {resolved.map((e) => (
              <li key={e.id}>
                <Link to={`/cases/${e.caseId}`}>{e.childName}</Link> · {e.caseNumber} · {t('leader.escalations.line', { due: formatDate(e.dueOn, i18n.language), days: e.daysOverdue, escalated: formatDate(e.escalatedOn, i18n.language) })}
                {' '}{t(`leader.escalations.resolution.${e.resolution ?? 'manual'}`, { when: e.resolvedAt ? formatDateTime(e.resolvedAt, i18n.language) : '', name: e.resolvedByName ?? '' })}
                {e.resolutionNote && <span className="d-block small-text">{e.resolutionNote}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
