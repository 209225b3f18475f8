import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import type { Proposal } from './api';

/** Where a proposal is and by when it is expected (issue 8 item 3): shown on the case, the proposal and the committee pages. */
export function ProposalStatus({ proposal }: { proposal: Proposal }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <strong>{t(`coreDecision.status.${proposal.status}`)}</strong>
      {proposal.referralReason && <> · {t(`coreDecision.referralReasons.${proposal.referralReason}`)}</>}
      {proposal.status === 'referred' && proposal.expectedBy && <> · {t('coreDecision.expectedBy', { date: formatDate(proposal.expectedBy, i18n.language) })}</>}
    </>
  );
}
