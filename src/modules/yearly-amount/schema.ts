import { z } from 'zod';
import { Abilities, OptionalText } from '../../platform/http/fields.js';
import { yearlyAmountKinds } from '../decision/rules.js';

/** The yearly indexed amounts (BL §86 threshold per year, §87 cap per month): configuration per year, never constants. */

export const YearlyAmountInput = z.object({
  year: z.number({ error: 'required: Give the year.' }).int().min(2000, 'too_small: From 2000.').max(2100, 'too_big: Until 2100.'),
  kind: z.enum(yearlyAmountKinds),
  amountDkk: z.number({ error: 'required: Give the amount.' }).positive('too_small: The amount must be above 0.').max(99_999_999, 'too_big: The amount is too large.')
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'amount_precision: At most two decimals (øre).'),
  /** Where the figure comes from, e.g. the ministry's satsregulering for the year. */
  note: OptionalText(500),
  /** The version edited; 0 when the year has no amount of this kind yet. A stale version is refused with 409. */
  version: z.number({ error: 'required: The version you edited is required.' }).int().min(0),
});
export type YearlyAmountInput = z.infer<typeof YearlyAmountInput>;

export const YearlyAmountView = z.object({
  year: z.number().int(),
  kind: z.enum(yearlyAmountKinds),
  amountDkk: z.number(),
  note: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type YearlyAmountView = z.infer<typeof YearlyAmountView>;

export const YearlyAmounts = z.object({ amounts: z.array(YearlyAmountView), abilities: Abilities });
export type YearlyAmounts = z.infer<typeof YearlyAmounts>;

export const YearlyAmountsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
