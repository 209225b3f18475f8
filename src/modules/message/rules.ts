import { allowsCase, type CaseAccessReason } from '../../platform/policy/policy.js';

/**
 * Who talks with the family (issue 5 item 3: "write to its contact"). Everyone with need-to-know on the family may
 * read its messages; the people who work with the family answer them: the lead (coordinator / primary caseworker),
 * caseworkers, the buddy and the core team. A leader of the department reads (oversight) but does not answer in the
 * family's conversation.
 */
const replyReasons: readonly CaseAccessReason[] = ['family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'core_team', 'family_creator'];

export function mayReadMessages(reason: CaseAccessReason | null): boolean {
  return allowsCase(reason, 'read');
}

export function mayReply(reason: CaseAccessReason | null): boolean {
  return reason !== null && replyReasons.includes(reason);
}

/** The family's contact, who is told of a new message: its lead on an open case (000:586-589, 001:772-775). */
export const notifiedAssignmentRoles = ['family_coordinator', 'primary_caseworker'] as const;

/**
 * The e-mail telling the contact a family has written. It carries no message text and no family name — an e-mail
 * travels outside the municipality's systems — only that there is a message, and the link to read it after login.
 */
export function newMessageEmail(link: string): { subject: string; body: string } {
  return {
    subject: 'Ny besked fra en familie i Tovholder',
    body: `Du har fået en ny besked fra en familie i Tovholder.\n\nLog ind for at læse den: ${link}\n\n`
      + 'Beskeden står kun i Tovholder, ikke i denne e-mail.',
  };
}
