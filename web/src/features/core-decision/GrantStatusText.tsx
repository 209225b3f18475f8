import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import type { MeasureGrant } from './api';

/** A measure's grant status (issue 8 item 2): not decided / proposed / with the committee (by when) / granted / refused. */
export function GrantStatusText({ measure: shown }: { measure: object }) {
  const { t, i18n } = useTranslation();
  // The shared Measure type does not list the grant fields; the API sends them on every measure.
  const measure = shown as MeasureGrant;
  const status = measure.grantStatus ?? 'not_decided';
  return (
    <>
      {t(`coreDecision.grantStatuses.${status}`)}
      {status === 'with_committee' && measure.grantExpectedBy && <> ({t('coreDecision.expectedBy', { date: formatDate(measure.grantExpectedBy, i18n.language) })})</>}
    </>
  );
}
