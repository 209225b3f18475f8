import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/format';
import { coreDecisionApi } from './api';

/**
 * The family's decisions in the portal (issue 8 items 2-3): where a pending decision is and by when it is expected,
 * and the letters (afgørelsesbreve) with the complaint deadline.
 */
export function PortalDecisionsCard() {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => coreDecisionApi.portal(), 'portal-decisions');
  const data = resource.data;
  return (
    <section className="card portal-card" aria-labelledby="portal-decisions">
      <div className="card-content">
        <h2 id="portal-decisions" className="card-heading h3">{t('coreDecision.portalTitle')}</h2>
        {resource.error && <LoadError error={resource.error} />}
        {!data && !resource.error && <Loading />}
        {data && data.letters.length === 0 && data.pending.length === 0 && <p>{t('coreDecision.portalNone')}</p>}
        {data && data.pending.length > 0 && (
          <ul>
            {data.pending.map((p) => (
              <li key={p.id}>
                {t('coreDecision.portalPending', { basis: p.legalBasisLabel, child: p.childFirstName, stage: t(`coreDecision.portalStage.${p.stage}`) })}
                {p.expectedBy && <> · {t('coreDecision.expectedBy', { date: formatDate(p.expectedBy, i18n.language) })}</>}
              </li>
            ))}
          </ul>
        )}
        {data && data.letters.length > 0 && (
          <>
            <h3 className="h5">{t('coreDecision.portalLetters')}</h3>
            {data.letters.map((l) => (
              <details key={l.id} className="mb-3">
                <summary>
                  {t('coreDecision.portalLetter', {
                    basis: l.legalBasisLabel, child: l.childFirstName, outcome: t(`coreDecision.outcomes.${l.outcome}`), date: formatDate(l.decidedOn, i18n.language),
                  })}
                </summary>
                <p className="preserve-lines">{l.body}</p>
                {l.complaintDeadline && <p><strong>{t('coreDecision.complaintDeadline', { date: formatDate(l.complaintDeadline, i18n.language) })}</strong></p>}
              </details>
            ))}
          </>
        )}
      </div>
    </section>
  );
}
