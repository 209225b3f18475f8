import { z } from 'zod';

/** Field schemas shared by the modules. Messages start with a stable code ("code: text") that the UI translates. */

function isRealIsoDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const IsoDate = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_format: Use a date like 2026-11-22.')
  .refine(isRealIsoDate, 'date_invalid: This date does not exist.');

export const Id = z.string().uuid('id_invalid: Not a valid id.');
export const IdParams = z.object({ id: Id });
export const Version = z.number({ error: 'required: The version you edited is required.' }).int().positive();

export const RequiredText = (max: number) => z.string().trim().min(1, 'required: This field is required.').max(max, `too_long: At most ${max} characters.`);
/**
 * Optional text: "" and null clear it (null), an absent key stays absent (undefined), so an update that leaves the
 * field out keeps the stored value instead of erasing it.
 */
export const OptionalText = (max: number) => z.string().trim().max(max, `too_long: At most ${max} characters.`).nullish()
  .transform((value) => (value === '' ? null : value));

export const Abilities = z.record(z.string(), z.boolean());
