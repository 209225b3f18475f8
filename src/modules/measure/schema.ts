import { z } from 'zod';
import { Id, IsoDate, RequiredText, Version } from '../../platform/http/fields.js';

export const MeasureInput = z.object({
  legalBasisId: z.string().min(1, 'required: Choose the legal basis (§).').max(40),
  departmentId: Id,
  description: RequiredText(1000),
  startsOn: IsoDate,
  endsOn: IsoDate.nullish(),
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
  version: z.number().int(),
});
export type MeasureView = z.infer<typeof MeasureView>;
