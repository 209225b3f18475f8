import { useTranslation } from 'react-i18next';
import { caseApi } from '../../api/endpoints';
import type { Case } from '../../api/types';
import { Alert } from '../../components/Alert';
import { OrDash } from '../../components/Dash';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDate, todayIso } from '../../lib/format';
import { errorText } from '../../lib/labels';
import { useCaseAction } from './useCaseAction';

/** The case's core team (kerneteam): who, from which department, in which role, since when. */
export function TeamTable({ item, onChange }: { item: Case; onChange: (updated: Case, message: string) => void }) {
  const { t, i18n } = useTranslation();
  const action = useCaseAction(onChange);
  const canManage = item.abilities.canManageTeam === true;
  const today = todayIso();
  if (item.teamMembers.length === 0) return <p>{t('case.noTeam')}</p>;
  return (
    <>
      {action.error && <Alert variant="error" live>{errorText(t, action.error.code, action.error.message)}</Alert>}
      <ResponsiveTable>
        <caption>{t('case.teamCaption', { number: item.caseNumber })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('case.name')}</th>
            <th scope="col">{t('case.teamDepartment')}</th>
            <th scope="col">{t('case.teamRole')}</th>
            <th scope="col">{t('case.addedOn')}</th>
            <th scope="col">{t('case.removedOn')}</th>
            {canManage && <th scope="col"><span className="sr-only">{t('family.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {item.teamMembers.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td><OrDash value={m.departmentName} /></td>
              <td>{m.teamRole}</td>
              <td>{formatDate(m.addedOn, i18n.language)}</td>
              <td><OrDash value={formatDate(m.removedOn, i18n.language)} /></td>
              {canManage && (
                <td>
                  {m.removedOn === null && (
                    <button
                      type="button"
                      className="function-link"
                      disabled={action.busy}
                      onClick={() => void action.run(() => caseApi.removeTeamMember(m.id, today), t('teamForm.removed'))}
                    >
                      {t('case.removeTeamMember')}
                      <span className="sr-only"> – {t('case.removeTeamMemberOf', { name: m.name })}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </ResponsiveTable>
    </>
  );
}
