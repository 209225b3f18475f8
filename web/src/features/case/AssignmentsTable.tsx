import { useTranslation } from 'react-i18next';
import { caseApi } from '../../api/endpoints';
import type { Case } from '../../api/types';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate, todayIso } from '../../lib/format';
import { errorText } from '../../lib/labels';
import { useCaseAction } from './useCaseAction';

const leadRoles = new Set(['family_coordinator', 'primary_caseworker']);

/** Who is assigned to the case (coordinator or primary caseworker, caseworker, buddy) and when. */
export function AssignmentsTable({ item, onChange }: { item: Case; onChange: (updated: Case, message: string) => void }) {
  const { t, i18n } = useTranslation();
  const action = useCaseAction(onChange);
  const canManage = item.abilities.canManageTeam === true;
  const today = todayIso();
  if (item.assignments.length === 0) return <p>{t('case.noAssignments')}</p>;
  return (
    <>
      {action.error && <Alert variant="error" live>{errorText(t, action.error.code, action.error.message)}</Alert>}
      <ResponsiveTable>
        <caption>{t('case.assignmentsCaption', { number: item.caseNumber })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('case.name')}</th>
            <th scope="col">{t('case.role')}</th>
            <th scope="col">{t('case.contact')}</th>
            <th scope="col">{t('case.startsOn')}</th>
            <th scope="col">{t('case.endsOn')}</th>
            {canManage && <th scope="col"><span className="sr-only">{t('family.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {item.assignments.map((a) => {
            const ongoing = a.endsOn === null || a.endsOn >= today;
            const mayEnd = canManage && ongoing && a.endsOn === null && (!leadRoles.has(a.role) || item.status === 'closed');
            return (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{t(`assignmentRole.${a.role}`)}</td>
                <td>
                  <a href={`mailto:${a.email}`}>{a.email}</a>
                  {a.phone && <span className="d-block">{a.phone}</span>}
                </td>
                <td>{formatDate(a.startsOn, i18n.language)}</td>
                <td><OrDash value={formatDate(a.endsOn, i18n.language)} /></td>
                {canManage && (
                  <td>
                    {mayEnd && (
                      <button
                        type="button"
                        className="function-link"
                        disabled={action.busy}
                        onClick={() => void action.run(() => caseApi.endAssignment(a.id, today), t('assignmentForm.ended'))}
                      >
                        {t('case.endAssignment')}
                        <span className="sr-only"> – {t('case.endAssignmentOf', { name: a.name })}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </ResponsiveTable>
    </>
  );
}
