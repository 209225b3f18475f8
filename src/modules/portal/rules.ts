import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The family portal login's rules (issue 5 item 1): what counts as an address, how codes are made and compared,
 * and the message that carries a code. Pure functions; the secret comes from the caller.
 */

/** A code lives 10 minutes, may be guessed wrong 5 times, and is 6 digits. */
export const codeMinutes = 10;
export const maxCodeAttempts = 5;
export const codeDigits = 6;

export type PortalChannel = 'email' | 'sms';
export interface PortalAddress {
  channel: PortalChannel;
  /** Normalised: lower-case e-mail address, or a mobile number as +<country><digits>. */
  value: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The same rule as the SQL function portal_phone (migration 0012): 8 digits are a Danish number (+45), 00 or +
 * starts an international one; spaces, dashes and brackets are ignored. Anything else is no phone number.
 */
export function normalisePhone(text: string): string | null {
  const d = text.replace(/[^0-9+]/g, '');
  if (/^[0-9]{8}$/.test(d)) return `+45${d}`;
  if (/^45[0-9]{8}$/.test(d)) return `+${d}`;
  if (/^00[1-9][0-9]{6,14}$/.test(d)) return `+${d.slice(2)}`;
  if (/^\+[1-9][0-9]{6,14}$/.test(d)) return d;
  return null;
}

/** An e-mail address or a mobile number as the person typed it, normalised; null when it is neither. */
export function parseAddress(text: string): PortalAddress | null {
  const trimmed = text.trim();
  if (trimmed.includes('@')) return emailPattern.test(trimmed) ? { channel: 'email', value: trimmed.toLowerCase() } : null;
  const phone = normalisePhone(trimmed);
  return phone ? { channel: 'sms', value: phone } : null;
}

const hmac = (secret: string, purpose: string, text: string) =>
  createHmac('sha256', secret).update(`tovholder-portal:${purpose}\n${text}`).digest('base64url');

/** The stored lookup key of an address: keyed with the server secret, so the database alone does not reveal it. */
export function addressHash(secret: string, address: PortalAddress): string {
  return hmac(secret, 'address', `${address.channel}:${address.value}`);
}

/** The stored form of a code, bound to its row: a code copied to another row does not match. */
export function codeHash(secret: string, codeId: string, code: string): string {
  return hmac(secret, 'code', `${codeId}:${code}`);
}

/** Compares in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Six random digits from the operating system's CSPRNG, leading zeros kept. */
export function newCode(): string {
  return String(randomInt(0, 10 ** codeDigits)).padStart(codeDigits, '0');
}

/** Why a code was refused; only the audit log sees the difference, the caller always gets the same answer. */
export type CodeRefusal = 'no_code' | 'code_used' | 'code_expired' | 'too_many_attempts' | 'wrong_code' | 'no_custody';

/** Checks a stored code against what was typed, in the order that never lets a dead code be tried again. */
export function checkCode(
  row: { used_at: Date | string | null; expires_at: Date | string; attempts: number },
  now: Date,
  matches: boolean,
): CodeRefusal | null {
  if (row.used_at !== null) return 'code_used';
  if (new Date(row.expires_at).getTime() <= now.getTime()) return 'code_expired';
  if (row.attempts >= maxCodeAttempts) return 'too_many_attempts';
  return matches ? null : 'wrong_code';
}

/**
 * The message carrying a code, in Danish and English (the person's language is not known before they log in). No
 * name, no case data: only the code, how long it lives, and what to do if it was not asked for.
 */
export function codeMessage(channel: PortalChannel, code: string): { subject: string; body: string } {
  const subject = 'Din kode til Tovholder · Your Tovholder code';
  if (channel === 'sms') {
    return { subject, body: `Din kode til Tovholder er ${code}. Den gælder i ${codeMinutes} min. Your Tovholder code is ${code}, valid for ${codeMinutes} min.` };
  }
  return {
    subject,
    body: [
      `Din kode til Tovholders familieportal er ${code}.`,
      `Koden gælder i ${codeMinutes} minutter og kan bruges én gang. Har du ikke bedt om en kode, kan du se bort fra denne e-mail.`,
      '',
      `Your code for the Tovholder family portal is ${code}.`,
      `The code is valid for ${codeMinutes} minutes and can be used once. If you did not ask for a code, you can ignore this e-mail.`,
    ].join('\n'),
  };
}
