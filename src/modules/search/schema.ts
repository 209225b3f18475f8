import { z } from 'zod';
import { WorklistItem } from '../worklist/schema.js';

export const MyFamilyChild = z.object({
  personId: z.string().uuid(),
  name: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  model: z.enum(['efei', 'sof']),
  status: z.enum(['open', 'in_operation', 'ordinary_operation', 'closed']),
  legalBases: z.array(z.string()),
  lead: z.string().nullable(),
  myRole: z.string(),
});

export const MyFamily = z.object({
  familyId: z.string().uuid(),
  familyName: z.string(),
  children: z.array(MyFamilyChild),
  /** The family's most urgent worklist item as one Danish line (follow-up due, meeting, agreement, drift, transition). */
  nextAction: z.string().nullable(),
  /** The same item, structured, for clients that translate it themselves and link to where it is done. */
  nextActionItem: WorklistItem.nullable(),
});
export type MyFamily = z.infer<typeof MyFamily>;

export const SearchQuery = z.object({
  q: z.string().trim().min(2, 'too_short: Type at least 2 characters.').max(100),
});

export const SearchHit = z.object({
  familyId: z.string().uuid(),
  familyName: z.string(),
  personId: z.string().uuid().nullable(),
  personName: z.string().nullable(),
  birthDate: z.string().nullable(),
  caseId: z.string().uuid().nullable(),
  caseNumber: z.string().nullable(),
  matched: z.enum(['cpr', 'case_number', 'name', 'family_name']),
});
export type SearchHit = z.infer<typeof SearchHit>;
