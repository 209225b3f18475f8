import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { caseApi } from '../../api/endpoints';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { Flash } from '../../components/Flash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { AccessLog } from './AccessLog';
import { AssignmentsTable } from './AssignmentsTable';
import { CaseFacts } from './CaseFacts';
import { MeasuresTable } from './MeasuresTable';
import { TeamTable } from './TeamTable';
import { CaseFlow } from '../flow/CaseFlow';
import { NotificationsSection, ScreeningsSection } from '../assessment/AssessmentSections';
import { DecisionsSection } from '../decision/DecisionsSection';
import { DocumentsSection } from '../document/DocumentsSection';

/** Pages linking here may pass the family's name for the breadcrumb (so the case page needs no extra, audited read). */
export interface CaseLinkState { familyName?: string }

/** A case: facts, measures, assigned staff, core team and who has looked at it. */
export function CasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const location = useLocation();
  const familyName = (location.state as CaseLinkState | null)?.familyName ?? t('family.title');
  const resource = useResource(() => caseApi.get(caseId), caseId);
  const [message, setMessage] = useState<string | null>(null);
  const item = resource.data;
  const title = item ? t('case.title', { number: item.caseNumber }) : t('case.facts');
  usePageTitle(item ? `${title} – ${item.childName}` : title);

  const onChange = (updated: Case, text: string) => {
    resource.setData(updated);
    setMessage(text);
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.myFamilies'), to: '/' },
          ...(item ? [{ label: familyName, to: `/families/${item.familyId}` }] : []),
          { label: title },
        ]}
      />
      <h1>
        {title}
        {item && <span className="d-block h3 mt-2">{item.childName}</span>}
      </h1>
      <Flash />
      {message && <Alert variant="success" live>{message}</Alert>}
      {resource.loading && !item && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {item && (
        <>
          {item.status === 'closed' && <Alert variant="info">{t('case.closedNote')}</Alert>}
          <section aria-labelledby="case-facts">
            <h2 id="case-facts">{t('case.facts')}</h2>
            <CaseFacts item={item} />
            {item.abilities.canEdit && (
              <p><Link className="button button-secondary" to={`/cases/${item.id}/status`}>{t('case.changeStatus')}</Link></p>
            )}
          </section>
          <CaseFlow item={item} onChange={onChange} />
          <section aria-labelledby="case-measures">
            <h2 id="case-measures">{t('case.measures')}</h2>
            <MeasuresTable item={item} actions />
            {item.abilities.canEdit && (
              <p><Link className="button button-secondary" to={`/cases/${item.id}/measures/new`}>{t('case.addMeasure')}</Link></p>
            )}
          </section>
          <DecisionsSection item={item} />
          <ScreeningsSection item={item} />
          <NotificationsSection item={item} />
          <DocumentsSection item={item} />
          <section aria-labelledby="case-assignments">
            <h2 id="case-assignments">{t('case.assignments')}</h2>
            <AssignmentsTable item={item} onChange={onChange} />
            {item.abilities.canManageTeam && (
              <p>
                <Link className="button button-secondary" to={`/cases/${item.id}/assignments/new`}>{t('case.addAssignment')}</Link>{' '}
                {/* A new lead comes with a handover note (issue 9 item 3). */}
                <Link className="button button-secondary" to={`/cases/${item.id}/handover`}>{t('leadingPractice.handover.link')}</Link>
              </p>
            )}
          </section>
          <section aria-labelledby="case-team">
            <h2 id="case-team">{t('case.team')}</h2>
            <TeamTable item={item} onChange={onChange} />
            {item.abilities.canManageTeam && (
              <p><Link className="button button-secondary" to={`/cases/${item.id}/team-members/new`}>{t('case.addTeamMember')}</Link></p>
            )}
          </section>
          {item.abilities.canViewAccessLog && <AccessLog item={item} />}
        </>
      )}
    </>
  );
}
