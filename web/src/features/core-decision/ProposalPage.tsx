import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ChoiceGroup, Radio } from '../../components/form/ChoiceGroup';
import { FormErrors } from '../../components/form/FormErrors';
import { TextAreaField } from '../../components/form/TextAreaField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull } from '../../lib/format';
import { formatAmount } from '../decision/format';
import { coreDecisionApi, type Proposal } from './api';
import { ProposalStatus } from './ProposalStatus';

/** A core-team member's vote (000:876-881): agree, or disagree with the reason sent to the committee. */
function VoteForm({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [vote, setVote] = useState<'agree' | 'disagree' | ''>('');
  const [reason, setReason] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await coreDecisionApi.vote(proposal.id, { vote: vote as 'agree', reason: orNull(reason) });
      onDone();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={{ vote: t('coreDecision.yourVote'), reason: t('coreDecision.dissentReason') }} onReload={onDone} />
      <ChoiceGroup name="vote" legend={t('coreDecision.yourVote')} error={form.fieldError('vote')}>
        {(['agree', 'disagree'] as const).map((v, i) => (
          <Radio key={v} name="vote" value={v} first={i === 0} label={t(`coreDecision.voteValues.${v}`)} checked={vote === v} onChange={() => setVote(v)} />
        ))}
      </ChoiceGroup>
      {vote === 'disagree' && (
        <TextAreaField name="reason" label={t('coreDecision.dissentReason')} hint={t('coreDecision.dissentHint')} rows={3} value={reason} onChange={setReason}
          error={form.fieldError('reason')} />
      )}
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('coreDecision.castVote')}</button>
    </form>
  );
}

/** The visitation committee's decision on a referred proposal: granted or refused with its reasoning. */
function CommitteeForm({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [outcome, setOutcome] = useState<'granted' | 'refused' | ''>('');
  const [reasoning, setReasoning] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await coreDecisionApi.decide(proposal.id, { outcome: outcome as 'granted', reasoning });
      onDone();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="committee-decision">
      <h2 id="committee-decision" className="h3">{t('coreDecision.committeeDecision')}</h2>
      <FormErrors form={form} labels={{ outcome: t('coreDecision.committeeOutcome'), reasoning: t('coreDecision.committeeReasoning') }} onReload={onDone} />
      <ChoiceGroup name="outcome" legend={t('coreDecision.committeeOutcome')} error={form.fieldError('outcome')}>
        {(['granted', 'refused'] as const).map((o, i) => (
          <Radio key={o} name="outcome" value={o} first={i === 0} label={t(`coreDecision.committeeOutcomes.${o}`)} checked={outcome === o} onChange={() => setOutcome(o)} />
        ))}
      </ChoiceGroup>
      <TextAreaField name="reasoning" label={t('coreDecision.committeeReasoning')} rows={4} value={reasoning} onChange={setReasoning} error={form.fieldError('reasoning')} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('coreDecision.recordCommitteeDecision')}</button>
    </form>
  );
}

function Details({ proposal, reload }: { proposal: Proposal; reload: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p><ProposalStatus proposal={proposal} /></p>
      {proposal.committeeMeeting && <p>{t('coreDecision.meetsOn', { date: formatDate(proposal.committeeMeeting.meetsOn, i18n.language) })}</p>}
      <dl>
        <dt>{t('coreDecision.case')}</dt><dd>{proposal.caseNumber} · {proposal.childFirstName}</dd>
        <dt>{t('decision.measures')}</dt><dd>{proposal.measures.map((m) => `${m.legalBasisLabel} ${m.description}`).join(', ') || '–'}</dd>
        <dt>{t('coreDecision.amount')}</dt>
        <dd>{proposal.amountDkk === null ? '–' : `${formatAmount(proposal.amountDkk, i18n.language)} ${proposal.amountPeriod ? t(`decision.periods.${proposal.amountPeriod}`) : ''}`}</dd>
        <dt>{t('decision.reasoning')}</dt><dd className="preserve-lines">{proposal.reasoning}</dd>
        <dt>{t('coreDecision.childViews')}</dt>
        <dd>{proposal.childViewsNotObtainedReason ? t('coreDecision.notObtained', { reason: proposal.childViewsNotObtainedReason }) : proposal.childViews}</dd>
      </dl>
      <h2 className="h3">{t('coreDecision.votes')}</h2>
      <table className="table">
        <thead><tr><th scope="col">{t('coreDecision.member')}</th><th scope="col">{t('coreDecision.vote')}</th><th scope="col">{t('coreDecision.reason')}</th></tr></thead>
        <tbody>
          {proposal.votes.map((v) => (
            <tr key={v.userId}>
              <td>{v.name} {!v.currentMember && t('coreDecision.formerMember')}</td>
              <td>{v.vote ? t(`coreDecision.voteValues.${v.vote}`) : t('coreDecision.notVoted')}</td>
              <td>{v.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {proposal.decision && proposal.abilities.canReadCase && <p><Link to={`/cases/${proposal.caseId}`}>{t('coreDecision.decisionLink')}</Link></p>}
      {proposal.abilities.canVote && <VoteForm proposal={proposal} onDone={reload} />}
      {proposal.abilities.canDecideInCommittee && <CommitteeForm proposal={proposal} onDone={reload} />}
    </>
  );
}

/** A proposal with its votes (issue 8 item 3). */
export function ProposalPage() {
  const { t } = useTranslation();
  const { proposalId = '' } = useParams();
  const resource = useResource(() => coreDecisionApi.get(proposalId), proposalId);
  const title = t('coreDecision.proposalTitle', { basis: resource.data?.legalBasisLabel ?? '' });
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs items={[
        { label: t('nav.myFamilies'), to: '/' },
        ...(resource.data?.abilities.canReadCase ? [{ label: t('case.title', { number: resource.data.caseNumber }), to: `/cases/${resource.data.caseId}` }] : []),
        { label: title },
      ]} />
      <h1>{title}</h1>
      {resource.loading && !resource.data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {resource.data && <Details proposal={resource.data} reload={resource.reload} />}
    </>
  );
}
