import { z } from 'zod';

/**
 * Field schemas shared by the modules. Messages start with a stable code ("code: text") that the UI translates.
 * Every string of a route's input also refuses NUL and lone surrogates, and every integer without its own bounds gets
 * int4's: strict-input.ts adds those checks to each route's schemas, so they are not repeated here.
 */

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
/** PostgreSQL's `integer` (int4), the type of every integer column unless a field declares a wider one (migrations/). */
export const int4 = { min: -2_147_483_648, max: 2_147_483_647 } as const;
/**
 * The version an update was made against: `version integer` on every versioned table. An update stores version + 1,
 * so the largest version one can edit is one below int4's maximum.
 */
export const Version = z.number({ error: 'required: The version you edited is required.' }).int().positive()
  .max(int4.max - 1, `out_of_range: At most ${int4.max - 1}.`);
/**
 * The version edited, for a PUT that creates the record on its first save: 0 when there is none yet (house
 * convention, as meeting preparations and yearly amounts); a stale version, 0 included, is 409 version_conflict.
 */
export const CreateVersion = z.number({ error: 'required: The version you edited is required (0 when there is none yet).' }).int().min(0)
  .max(int4.max - 1, `out_of_range: At most ${int4.max - 1}.`); // the save stores version + 1, as Version

export const RequiredText = (max: number) => z.string().trim().min(1, 'required: This field is required.').max(max, `too_long: At most ${max} characters.`);
/**
 * Optional text: "" and null clear it (null), an absent key stays absent (undefined), so an update that leaves the
 * field out keeps the stored value instead of erasing it.
 */
export const OptionalText = (max: number) => z.string().trim().max(max, `too_long: At most ${max} characters.`).nullish()
  .transform((value) => (value === '' ? null : value));

export const Abilities = z.record(z.string(), z.boolean());
