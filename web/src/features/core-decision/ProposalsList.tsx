import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { coreDecisionApi } from './api';
import { ProposalStatus } from './ProposalStatus';

/** The case's proposals on the case page (issue 8 item 3): where each decision is and by when it is expected. */
export function ProposalsList({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const resource = useResource(() => coreDecisionApi.ofCase(caseId), `proposals-${caseId}`);
  if (resource.error) return <LoadError error={resource.error} />;
  const data = resource.data;
  if (!data) return null;
  return (
    <section aria-labelledby={`proposals-${caseId}`} className="mt-6">
      <h3 id={`proposals-${caseId}`} className="h4">{t('coreDecision.proposals')}</h3>
      {data.proposals.length === 0 ? <p>{t('coreDecision.noProposals')}</p> : (
        <ul>
          {data.proposals.map((p) => (
            <li key={p.id}><Link to={`/proposals/${p.id}`}>{p.legalBasisLabel}</Link>: <ProposalStatus proposal={p} /></li>
          ))}
        </ul>
      )}
      {data.abilities.canPropose && <p><Link to={`/cases/${caseId}/proposals/new`} className="button button-secondary">{t('coreDecision.makeProposal')}</Link></p>}
    </section>
  );
}
