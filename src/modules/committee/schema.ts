import { z } from 'zod';
import { Abilities, IsoDate, OptionalText, RequiredText } from '../../platform/http/fields.js';
import { ProposalView } from '../proposal/schema.js';

/** The visitation committee (issue 8 item 3; 000:876-881): queue, meetings with an agenda, decision record. */

export const CommitteeMeetingInput = z.object({ meetsOn: IsoDate, location: OptionalText(200), note: OptionalText(2000) });
export type CommitteeMeetingInput = z.infer<typeof CommitteeMeetingInput>;

export const CommitteeDecisionInput = z.object({
  outcome: z.enum(['granted', 'refused'], { error: 'outcome_invalid: Choose granted or refused.' }),
  reasoning: RequiredText(8000),
});
export type CommitteeDecisionInput = z.infer<typeof CommitteeDecisionInput>;

export const CommitteeMeetingView = z.object({
  id: z.string().uuid(), meetsOn: z.string(), location: z.string().nullable(), note: z.string().nullable(), agendaCount: z.number().int(),
});
export type CommitteeMeetingView = z.infer<typeof CommitteeMeetingView>;

export const CommitteeQueue = z.object({ proposals: z.array(ProposalView), meetings: z.array(CommitteeMeetingView), abilities: Abilities });
export type CommitteeQueue = z.infer<typeof CommitteeQueue>;

export const CommitteeMeetingAgenda = z.object({ meeting: CommitteeMeetingView, agenda: z.array(ProposalView) });
export type CommitteeMeetingAgenda = z.infer<typeof CommitteeMeetingAgenda>;
