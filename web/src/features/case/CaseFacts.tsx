import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types';
import { OrDash } from '../../components/Dash';
import { formatDate } from '../../lib/format';
import { currentBuddies } from './current';
import { StatusBadge } from './StatusBadge';

/** The case's facts as a DKFDS structured list; `compact` for the family page. */
export function CaseFacts({ item, compact = false }: { item: Case; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const date = (value: string | null) => formatDate(value, i18n.language);
  const buddies = currentBuddies(item);
  const rows: Array<[string, ReactNode]> = [];
  if (!compact) {
    rows.push([t('case.caseNumber'), item.caseNumber], [t('case.child'), item.childName]);
  }
  rows.push(
    [t('case.model'), t(`model.${item.model}`)],
    [t('case.status'), (
      <>
        <StatusBadge status={item.status} />
        {item.statusReason && <span className="d-block">{item.statusReason}</span>}
      </>
    )],
    [t('case.department'), item.responsibleDepartmentName],
    [t(`assignmentRole.${item.model === 'efei' ? 'family_coordinator' : 'primary_caseworker'}`), item.lead ? (
      <>
        {item.lead.name}
        <span className="d-block small-text">
          <a href={`mailto:${item.lead.email}`}>{item.lead.email}</a>
          {item.lead.phone && <>, {item.lead.phone}</>}
        </span>
      </>
    ) : t('case.noLead')],
    [t('case.buddy'), buddies.length > 0 ? buddies.map((b) => b.name).join(', ') : <OrDash value={null} />],
    [t('case.openedOn'), date(item.openedOn)],
  );
  if (item.closedOn) rows.push([t('case.closedOn'), date(item.closedOn)]);

  return (
    <div className="table--responsive-scroll">
      <table className="table structured-list">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
