import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import type { CompetenceCode, DecisionCompetence } from './api';
import { refusalText, routeText } from './competenceText';

/**
 * On the decision form (issue 8 item 2): what the plan lets the user grant for the chosen basis, and — after a refusal
 * — why, naming who can, with the way on (a proposal to the core team) where there is one.
 */
export function CompetenceHint({ caseId, competence, legalBasisId, refusal }: {
  caseId: string; competence: DecisionCompetence | null; legalBasisId: string; refusal: CompetenceCode | null;
}) {
  const { t } = useTranslation();
  if (!competence) return null;
  const basis = competence.bases.find((b) => b.legalBasisId === legalBasisId);
  const proposable = basis && (basis.route === 'proposal' || basis.route === 'committee' || refusal === 'over_competence_limit');
  return (
    <>
      {refusal && (
        <Alert variant="error" heading={t('coreDecision.refusedHeading')} live>
          <p className="alert-text" data-testid="competence-refusal">{refusalText(t, refusal, basis)}</p>
        </Alert>
      )}
      <section className="mt-4 mb-4" aria-labelledby="competence-hint">
        <h2 id="competence-hint" className="h4">{t('coreDecision.competenceHeading')}</h2>
        <p>
          {competence.planVersionNo === null ? t('coreDecision.competenceNoPlan')
            : basis ? routeText(t, basis) : t('coreDecision.competencePick', { version: competence.planVersionNo })}
        </p>
        {proposable && <p><Link to={`/cases/${caseId}/proposals/new`}>{t('coreDecision.makeProposal')}</Link></p>}
      </section>
    </>
  );
}
