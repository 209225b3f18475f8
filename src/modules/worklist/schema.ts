import { z } from 'zod';
import { worklistItemKinds } from './rules.js';

export const WorklistItem = z.object({
  kind: z.enum(worklistItemKinds),
  bucket: z.enum(['overdue', 'today', 'this_week', 'later']),
  dueOn: z.string(),
  familyId: z.string().uuid(),
  familyName: z.string(),
  caseId: z.string().uuid(),
  caseNumber: z.string(),
  childName: z.string(),
  refId: z.string().uuid().nullable(),
  detail: z.string().nullable(),
  link: z.string(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const Worklist = z.object({
  today: z.string(),
  items: z.array(WorklistItem),
  counts: z.object({ overdue: z.number().int(), today: z.number().int(), thisWeek: z.number().int() }),
});
export type Worklist = z.infer<typeof Worklist>;
