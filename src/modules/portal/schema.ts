import { z } from 'zod';
import { OwnFamilyView } from '../family/schema.js';
import { parseAddress } from './rules.js';

/** The family portal's login and "who am I" (issue 5 item 1). */

export const PortalAddressField = z.string().trim()
  .min(1, 'required: Enter your e-mail address or mobile number.').max(200, 'too_long: At most 200 characters.')
  .refine((value) => parseAddress(value) !== null, 'address_invalid: Enter an e-mail address or a mobile number.');

export const PortalLoginStart = z.object({ address: PortalAddressField });
export type PortalLoginStart = z.infer<typeof PortalLoginStart>;

/**
 * Always the same answer, whether or not the address belongs to anyone. `demoCode` only ever appears outside
 * production, for an address in a demo municipality (which has no e-mail or SMS to deliver it).
 */
export const PortalLoginStarted = z.object({
  status: z.literal('code_sent_if_known'),
  channel: z.enum(['email', 'sms']),
  expiresInMinutes: z.number().int(),
  demoCode: z.string().optional(),
});
export type PortalLoginStarted = z.infer<typeof PortalLoginStarted>;

export const PortalLoginVerify = z.object({
  address: PortalAddressField,
  code: z.string().trim().regex(/^[0-9]{6}$/, 'code_format: The code is 6 digits.'),
});
export type PortalLoginVerify = z.infer<typeof PortalLoginVerify>;

export const PortalMe = z.object({
  person: z.object({ firstName: z.string(), lastName: z.string() }),
  municipality: z.object({ name: z.string() }),
  method: z.enum(['code', 'oidc']),
  expiresAt: z.string(),
  family: OwnFamilyView.nullable(),
  csrfToken: z.string(),
});
export type PortalMe = z.infer<typeof PortalMe>;

export const PortalLoggedIn = z.object({ csrfToken: z.string(), expiresAt: z.string() });

/** What the login page needs to know: whether "Log in with MitID" (OpenID Connect) is offered. */
export const PortalLoginOptions = z.object({ oidc: z.boolean() });
