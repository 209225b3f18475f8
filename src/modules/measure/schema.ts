import { z } from 'zod';
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
  version: z.number().int(),
});
export type MeasureView = z.infer<typeof MeasureView>;
