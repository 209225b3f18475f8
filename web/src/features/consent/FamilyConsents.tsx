import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { consentApi } from './api';
import { History } from './ConsentPage';

/**
 * The family's consents to share, read-only on the staff family page (issue 5 item 3): which departments and partners
 * the family has consented to share with, since when, and withdrawn ones. Consent governs what partners see.
 */
export function FamilyConsents({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const consents = useResource(() => consentApi.ofFamily(familyId), `family-consents-${familyId}`);
  return (
    <section aria-labelledby="family-consents" className="mt-7">
      <h2 id="family-consents">{t('consent.staffHeading')}</h2>
      <p>{t('consent.staffIntro')}</p>
      {consents.loading && !consents.data && <Loading />}
      {consents.error && <LoadError error={consents.error} />}
      {consents.data && <History consents={consents.data.consents} headingLevel={3} />}
    </section>
  );
}
