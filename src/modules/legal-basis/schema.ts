import { z } from 'zod';

export const laws = ['SEL', 'BL'] as const;
export const categories = ['preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support'] as const;

export const LegalBasisView = z.object({
  id: z.string(),
  law: z.enum(laws),
  paragraph: z.string(),
  subsection: z.string().nullable(),
  /** Short label, e.g. "SEL §41" or "BL §35 stk. 4 nr. 1". */
  label: z.string(),
  nameDa: z.string(),
  nameEn: z.string(),
  category: z.enum(categories),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  replacedBy: z.array(z.string()),
  /** Barnets Lov §20 stk. 3: the work is due this many calendar months after the municipality became aware; null: no deadline. */
  completionMonths: z.number().int().nullable(),
});
export type LegalBasisView = z.infer<typeof LegalBasisView>;
