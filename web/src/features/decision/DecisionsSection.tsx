import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { FormErrors } from '../../components/form/FormErrors';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { formatDate, todayIso } from '../../lib/format';
import { decisionApi, type Decision } from './api';
import { formatAmount } from './format';
import { ProposalsList } from '../core-decision/ProposalsList';

/** The child's age on the decision date and, where Barnets Lov §3 applies, whether the child is a party. */
export function PartyText({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  if (decision.childAgeOnDecision === null) return <>{t('decision.ageUnknown')}</>;
  const age = decision.childAgeOnDecision;
  if (decision.childIsParty) return <strong>{t('decision.ageAndParty', { age })}</strong>;
  return <>{t('decision.ageNotParty', { age })}</>;
}

/** §6: records the day the child was told of the right to a bisidder, where the decision warns it is missing. */
function BisidderForm({ decision, onSaved }: { decision: Decision; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [toldOn, setToldOn] = useState(todayIso());
  const name = `bisidderToldOn-${decision.id}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await decisionApi.update(decision.id, { bisidderToldOn: toldOn, version: decision.version });
      onSaved();
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={{ bisidderToldOn: t('decision.bisidderToldOn') }} onReload={onSaved} />
      <TextField name={name} label={t('decision.bisidderToldOn')} type="date" className="input-width-s" value={toldOn} onChange={setToldOn} error={form.fieldError('bisidderToldOn')} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('decision.saveBisidder')}</button>
    </form>
  );
}

function DecisionItem({ decision, onChange }: { decision: Decision; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = `decision-${decision.id}`;
  return (
    <li className="mb-6">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="h4">
          {formatDate(decision.decidedOn, i18n.language)}: {t(`decision.outcomes.${decision.outcome}`)}, {decision.legalBasisLabel}
        </h3>
        <p><PartyText decision={decision} /></p>
        {decision.decidedByKind && (
          <p>{t(`coreDecision.decidedBy.${decision.decidedByKind}`)}{decision.competencePlanVersionNo !== null && ` (${t('coreDecision.planVersion', { version: decision.competencePlanVersionNo })})`}</p>
        )}
        {decision.warnings.map((w) => (
          <Alert key={w.code} variant="warning">{t(`decision.warnings.${w.code}`)}</Alert>
        ))}
        {decision.abilities.canEdit && decision.warnings.some((w) => w.code === 'bisidder_not_told') && <BisidderForm decision={decision} onSaved={onChange} />}
        <dl>
          {decision.measures.length > 0 && (
            <>
              <dt>{t('decision.measures')}</dt>
              <dd>{decision.measures.map((m) => `${m.legalBasisLabel} ${m.description}`).join('; ')}</dd>
            </>
          )}
          {decision.amountDkk !== null && decision.amountPeriod && (
            <>
              <dt>{t('decision.amount')}</dt>
              <dd>{formatAmount(decision.amountDkk, i18n.language)} {t(`decision.periods.${decision.amountPeriod}`)}</dd>
            </>
          )}
          <dt>{t('decision.reasoning')}</dt>
          <dd>{decision.reasoning}</dd>
          <dt>{t('decision.childViewsHeading')}</dt>
          <dd>
            {decision.childViewsNotObtainedReason
              ? t('decision.notObtained', { reason: decision.childViewsNotObtainedReason })
              : `${formatDate(decision.childViewsOn, i18n.language) ?? ''}, ${decision.childViewsMethod ? t(`decision.methods.${decision.childViewsMethod}`) : ''}: ${decision.childViews ?? ''}`}
          </dd>
          {decision.bisidderToldOn && (
            <>
              <dt>{t('decision.bisidderToldOn')}</dt>
              <dd>{formatDate(decision.bisidderToldOn, i18n.language)}</dd>
            </>
          )}
        </dl>
        {decision.letter && (
          <details>
            <summary>{t('coreDecision.letter')}</summary>
            <p className="preserve-lines">{decision.letter.body}</p>
            {decision.letter.complaintDeadline && <p>{t('coreDecision.complaintDeadline', { date: formatDate(decision.letter.complaintDeadline, i18n.language) })}</p>}
          </details>
        )}
      </article>
    </li>
  );
}

/** "Afgørelser" on the case page: each decision with the child's age, party status (§3) and the §6 bisidder warning. */
export function DecisionsSection({ item }: { item: Case }) {
  const { t } = useTranslation();
  const resource = useResource(() => decisionApi.ofCase(item.id), item.id);
  const data = resource.data;
  return (
    <section aria-labelledby="case-decisions">
      <h2 id="case-decisions">{t('decision.title')}</h2>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && data.decisions.length === 0 && <p>{t('decision.none')}</p>}
      {data && data.decisions.length > 0 && (
        <ul className="nobullet-list">
          {data.decisions.map((d) => <DecisionItem key={d.id} decision={d} onChange={resource.reload} />)}
        </ul>
      )}
      {data?.abilities.canRecord && (
        <p><Link className="button button-secondary" to={`/cases/${item.id}/decisions/new`}>{t('decision.record')}</Link></p>
      )}
      <ProposalsList caseId={item.id} />
    </section>
  );
}
