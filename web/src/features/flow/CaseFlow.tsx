import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextAreaField } from '../../components/form/TextAreaField';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTime } from '../../lib/format';
import { CaseMeetings } from '../meeting/CaseMeetings';
import { flowApi, type Flow, type FlowRecordKind, type FixedTeam } from './api';
import { useScopedForm } from './errors';
import { FlowSteps } from './FlowSteps';

/**
 * The guided case flow on the case page: the model's steps (done, current, upcoming, skipped), the next action, the
 * case's rule warnings, the forms that record a step's facts, and the case's meetings. Every state comes from the
 * server (src/modules/flow), derived from what was recorded.
 */
export function CaseFlow({ item, onChange }: { item: Case; onChange: (updated: Case, message: string) => void }) {
  const { t } = useTranslation();
  const key = `${item.id}:${item.version}:${item.teamMembers.length}:${item.assignments.length}:${item.measures.length}`;
  const resource = useResource(() => flowApi.get(item.id), key);
  const flow = resource.data;
  return (
    <>
      <section aria-labelledby="case-flow">
        <h2 id="case-flow">{t('flow.title', { model: t(`model.${item.model}`) })}</h2>
        {resource.loading && !flow && <Loading />}
        {resource.error && <LoadError error={resource.error} />}
        {flow && <FlowBody flow={flow} onFlow={resource.setData} />}
        {item.abilities.canManageTeam && item.status !== 'closed' && <ApplyFixedTeam item={item} onChange={onChange} />}
      </section>
      <CaseMeetings caseId={item.id} />
    </>
  );
}

function FlowBody({ flow, onFlow }: { flow: Flow; onFlow: (flow: Flow) => void }) {
  const { t, i18n } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const round = flow.rounds.find((r) => r.number === flow.round);
  const changed = (updated: Flow, text: string) => {
    onFlow(updated);
    setMessage(text);
  };
  return (
    <>
      {flow.warnings.length > 0 && (
        <Alert variant="warning" heading={t('flow.warningsHeading')} headingLevel={3}>
          <ul className="alert-text">
            {flow.warnings.map((w) => (
              <li key={`${w.code}-${w.departmentId ?? ''}`}>{t(`coreTeam.warnings.${w.code as 'department_not_represented'}`, { department: w.departmentName ?? '' })}</li>
            ))}
          </ul>
        </Alert>
      )}
      {flow.nextAction && (
        <Alert variant="info" heading={t('flow.nextHeading')} headingLevel={3}>
          <p className="alert-text">
            {t(`flow.next.${flow.nextAction.key as 'hold_status_meeting'}`)}
            {flow.nextAction.dueOn && <> {t('flow.dueOn', { date: formatDate(flow.nextAction.dueOn, i18n.language) })}</>}
          </p>
        </Alert>
      )}
      {flow.model === 'efei' && flow.round > 1 && round && (
        <p>
          <strong>{t('flow.round', { number: flow.round })}</strong>
          {round.startedAt && <> – {t('flow.roundStarted', { date: formatDateTime(round.startedAt, i18n.language) })}</>}
          {round.reason && <span className="d-block">{round.reason}</span>}
        </p>
      )}
      {flow.model === 'sof' && flow.cadence !== 'none' && <p>{t(`flow.cadence.${flow.cadence}`)}</p>}
      <FlowSteps flow={flow} />
      {message && <Alert variant="success" live>{message}</Alert>}
      {flow.abilities.canRecord && <RecordForm flow={flow} onDone={changed} />}
      {flow.abilities.canStartRound && <NewRoundForm flow={flow} onDone={changed} />}
    </>
  );
}

/** Records a fact of a step that is not a meeting: information gathered (3), shared (5), or step 4 skipped with a reason. */
function RecordForm({ flow, onDone }: { flow: Flow; onDone: (flow: Flow, message: string) => void }) {
  const { t } = useTranslation();
  const form = useScopedForm('flowrecord');
  const analysis = flow.steps.find((s) => s.key === 'analysis_meeting');
  const kinds: FlowRecordKind[] = ['information_gathered', 'information_shared', ...(analysis && (analysis.state === 'current' || analysis.state === 'upcoming') ? ['skipped' as const] : [])];
  const [kind, setKind] = useState<FlowRecordKind>('information_gathered');
  const [text, setText] = useState('');
  const labels = { kind: t('flow.recordKind'), text: kind === 'skipped' ? t('flow.skipReason') : t('flow.recordText') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const updated = await flowApi.record(flow.caseId, { kind, text });
      setText('');
      setKind('information_gathered');
      onDone(updated, t('flow.recorded'));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="flow-record-heading" className="mt-6">
      <h3 id="flow-record-heading">{t('flow.recordHeading')}</h3>
      <FormErrors form={form} labels={labels} />
      <ChoiceGroup name={form.name('kind')} legend={labels.kind} error={form.fieldError('kind')}>
        {kinds.map((k, index) => (
          <Radio key={k} name={form.name('kind')} value={k} first={index === 0} label={t(`flow.recordKinds.${k}`)} checked={kind === k} onChange={() => setKind(k)} />
        ))}
      </ChoiceGroup>
      <TextAreaField name={form.name('text')} label={labels.text} hint={t(`flow.recordHints.${kind}`)} value={text} onChange={setText} error={form.fieldError('text')} />
      <SubmitRow label={t('flow.recordSubmit')} submitting={form.submitting} />
    </form>
  );
}

/** EFEI: steps 2-7 are repeated when needed (000:190-191): a new round with its reason. */
function NewRoundForm({ flow, onDone }: { flow: Flow; onDone: (flow: Flow, message: string) => void }) {
  const { t } = useTranslation();
  const form = useScopedForm('flowround');
  const [reason, setReason] = useState('');
  const labels = { reason: t('flow.roundReason') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const updated = await flowApi.startRound(flow.caseId, reason);
      setReason('');
      onDone(updated, t('flow.roundStartedMessage', { number: updated.round }));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="flow-round-heading" className="mt-6">
      <h3 id="flow-round-heading">{t('flow.newRoundHeading')}</h3>
      <p>{t('flow.newRoundIntro')}</p>
      <FormErrors form={form} labels={labels} />
      <TextAreaField name={form.name('reason')} label={labels.reason} value={reason} onChange={setReason} error={form.fieldError('reason')} />
      <SubmitRow label={t('flow.newRoundSubmit')} submitting={form.submitting} />
    </form>
  );
}

/** Applies one of the municipality's fixed core teams to the case (000:583). Shown only when the municipality has one. */
function ApplyFixedTeam({ item, onChange }: { item: Case; onChange: (updated: Case, message: string) => void }) {
  const { t } = useTranslation();
  const teams = useResource<FixedTeam[]>(() => flowApi.fixedTeams(), 'fixed-teams');
  const form = useScopedForm('fixedteam');
  const [teamId, setTeamId] = useState('');
  if (!teams.data || teams.data.length === 0) return null;
  const labels = { teamId: t('coreTeam.fixedTeam') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const updated = await flowApi.applyFixedTeam(item.id, teamId);
      const team = teams.data?.find((x) => x.id === teamId);
      setTeamId('');
      onChange(updated, t('coreTeam.applied', { name: team?.name ?? '' }));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="fixed-team-heading" className="mt-6">
      <h3 id="fixed-team-heading">{t('coreTeam.applyHeading')}</h3>
      <FormErrors form={form} labels={labels} />
      <SelectField
        name={form.name('teamId')} label={labels.teamId} hint={t('coreTeam.applyHint')} value={teamId} onChange={setTeamId}
        options={teams.data.map((x) => ({ value: x.id, label: `${x.name} (${x.members.map((mm) => mm.name).join(', ')})` }))}
        error={form.fieldError('teamId')}
      />
      <SubmitRow label={t('coreTeam.applySubmit')} submitting={form.submitting} />
    </form>
  );
}
