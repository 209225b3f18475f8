import { z } from 'zod';
import { grantStatuses } from '../decision/rules.js';
import { Id, IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';

export const MeasureInput = z.object({
  legalBasisId: z.string().min(1, 'required: Choose the legal basis (§).').max(40),
  departmentId: Id,
  description: RequiredText(1000),
  startsOn: IsoDate,
  endsOn: IsoDate.nullish(),
  /** Barnets Lov §32 stk. 2-3 and §91 (measure/rules.ts checkMeasureDuties says when they are required). */
  purpose: OptionalText(2000),
  expectedDuration: OptionalText(200),
  custodyConsentOn: IsoDate.nullish(),
  childPlanDecision: z.enum(['made', 'not_made']).nullish(),
  childPlanDecidedOn: IsoDate.nullish(),
  childPlanReason: OptionalText(2000),
  childPlanCompletedOn: IsoDate.nullish(),
  /** Barnets Lov §20 stk. 3: the day the municipality became aware of the need; required when the legal basis has a completion deadline (investigation.ts). */
  awareOn: IsoDate.nullish(),
});
export type MeasureInput = z.infer<typeof MeasureInput>;

export const MeasureUpdate = MeasureInput.partial().extend({ version: Version });
export type MeasureUpdate = z.infer<typeof MeasureUpdate>;

export const MeasureView = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  legalBasisId: z.string(),
  legalBasisLabel: z.string(),
  legalBasisCategory: z.string(),
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  description: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  active: z.boolean(),
  purpose: z.string().nullable(),
  expectedDuration: z.string().nullable(),
  custodyConsentOn: z.string().nullable(),
  childPlanDecision: z.enum(['made', 'not_made']).nullable(),
  childPlanDecidedOn: z.string().nullable(),
  childPlanReason: z.string().nullable(),
  childPlanCompletedOn: z.string().nullable(),
  /** §91: barnets plan is due within 3 months of the decision to make it; null when not made or done. */
  childPlanDueOn: z.string().nullable(),
  /** Barnets Lov §20 stk. 3 (investigation.ts): the clock of a measure whose legal basis has a completion deadline. */
  awareOn: z.string().nullable(),
  investigationDueOn: z.string().nullable(),
  /** Calendar days left until the due date (negative when past due); null without a clock or once finished. */
  investigationDaysLeft: z.number().int().nullable(),
  provisionalAssessmentRequired: z.boolean(),
  provisionalAssessmentAllowed: z.boolean(),
  provisionalAssessmentOn: z.string().nullable(),
  provisionalAssessment: z.string().nullable(),
  /** Barnets Lov §95 (law-follow-up.ts): whether the measure has a §95 follow-up, and the cadence decided for it. */
  lawFollowUpApplies: z.boolean(),
  lawFollowUpMonths: z.number().int().nullable(),
  lawFollowUpReasons: z.string().nullable(),
  lawFollowUpDecidedOn: z.string().nullable(),
  explainedToChildOn: z.string().nullable(),
  explainedToParentsOn: z.string().nullable(),
  version: z.number().int(),
  /** Issue 8 item 2 (decision/rules.ts grantStatus): granted only through a decision the competence plan allowed. */
  grantStatus: z.enum(grantStatuses),
  /** While with the visitation committee: the day its decision is expected. */
  grantExpectedBy: z.string().nullable(),
});
export type MeasureView = z.infer<typeof MeasureView>;

/** Barnets Lov §20 stk. 3: the provisional assessment (foreløbig vurdering) of an investigation past its deadline. */
export const ProvisionalAssessmentInput = z.object({
  on: IsoDate,
  text: RequiredText(8000),
  version: Version,
});
export type ProvisionalAssessmentInput = z.infer<typeof ProvisionalAssessmentInput>;
