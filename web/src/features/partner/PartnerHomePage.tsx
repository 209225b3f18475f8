import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/format';
import { OrDash } from '../../components/Dash';
import { partnerApi } from './api';

/**
 * An external partner's home (issue 5 item 4): the families they work with — where they take part in the core team
 * or a meeting and the family has consented to share with their organisation. Nothing else of the municipality.
 */
export function PartnerHomePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('partner.title'));
  const families = useResource(() => partnerApi.families(), 'partner-families');

  return (
    <>
      <h1>{t('partner.title')}</h1>
      <p className="font-lead">{t('partner.intro')}</p>
      {families.loading && !families.data && <Loading />}
      {families.error && <LoadError error={families.error} />}
      {families.data && families.data.length === 0 && <p>{t('partner.none')}</p>}
      {families.data && families.data.length > 0 && (
        <div className="table--responsive-scroll" tabIndex={0}>
          <table className="table table--zebra">
            <caption className="sr-only">{t('partner.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partner.family')}</th>
                <th scope="col">{t('partner.child')}</th>
                <th scope="col">{t('partner.takesPart')}</th>
                <th scope="col">{t('partner.nextMeeting')}</th>
              </tr>
            </thead>
            <tbody>
              {families.data.map((f) => (
                <tr key={f.caseId}>
                  <th scope="row"><Link to={`/partner/cases/${f.caseId}`}>{f.familyName}</Link></th>
                  <td>{f.child.firstName} {f.child.lastName}</td>
                  <td>{t(`partner.reasons.${f.reason}`)}</td>
                  <td><OrDash value={f.nextMeetingAt ? formatDateTime(f.nextMeetingAt, i18n.language) : null} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
