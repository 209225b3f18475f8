import { z } from 'zod';
import { Abilities, RequiredText } from '../../platform/http/fields.js';
import { CaseModel, CaseStatus, CaseWarningView } from '../case/schema.js';

export const FlowRecordKind = z.enum(['skipped', 'information_gathered', 'information_shared']);

/** A fact for a step that is not a meeting: information gathered (step 3) or shared (step 5), or step 4 skipped — with content. */
export const FlowRecordInput = z.object({ kind: FlowRecordKind, text: RequiredText(4000) });
export type FlowRecordInput = z.infer<typeof FlowRecordInput>;

export const NewRoundInput = z.object({ reason: RequiredText(2000) });
export type NewRoundInput = z.infer<typeof NewRoundInput>;

export const FlowStepView = z.object({
  key: z.string(),
  number: z.number().int().nullable(),
  source: z.string(),
  state: z.enum(['done', 'current', 'upcoming', 'skipped']),
  repeatable: z.boolean(),
  skippable: z.boolean(),
  doneAt: z.string().nullable(),
  skipReason: z.string().nullable(),
});

export const FlowView = z.object({
  caseId: z.string().uuid(),
  model: CaseModel,
  status: CaseStatus,
  statusReason: z.string().nullable(),
  round: z.number().int(),
  rounds: z.array(z.object({ number: z.number().int(), startedAt: z.string().nullable(), reason: z.string().nullable() })),
  steps: z.array(FlowStepView),
  nextAction: z.object({ key: z.string(), step: z.string(), dueOn: z.string().nullable() }).nullable(),
  records: z.array(z.object({ round: z.number().int(), kind: FlowRecordKind, step: z.string(), text: z.string(), recordedAt: z.string() })),
  /** SOF: the fixed follow-up cadence of the case's measures (001:753-771). */
  cadence: z.enum(['six_weeks', 'three_months', 'none']),
  warnings: z.array(CaseWarningView),
  abilities: Abilities,
});
export type FlowView = z.infer<typeof FlowView>;
