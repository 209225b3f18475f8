import type { TFunction } from 'i18next';
import da from '../i18n/da.json';

/**
 * Translates values the server sends as free strings (error codes, audit actions, access reasons, roles). Known
 * values get their translation; unknown ones fall back to what the server said, so a new code never shows a key.
 */
type LabelGroup = 'accessReason' | 'auditAction' | 'role' | 'assignmentRole' | 'matched' | 'relation' | 'status' | 'model' | 'modelShort';
type LabelKey = { [G in LabelGroup]: `${G}.${keyof (typeof da)[G] & string}` }[LabelGroup];
type ErrorCodeKey = `errors.codes.${keyof typeof da.errors.codes & string}`;

export function labelFor(t: TFunction, group: LabelGroup, value: string): string {
  const table: Record<string, string> = da[group];
  return Object.hasOwn(table, value) ? t(`${group}.${value}` as LabelKey) : value;
}

/** The message for an API error code, or the server's own message when the code is new to the web app. */
export function errorText(t: TFunction, code: string, fallback: string): string {
  const codes: Record<string, string> = da.errors.codes;
  return Object.hasOwn(codes, code) ? t(`errors.codes.${code}` as ErrorCodeKey) : fallback;
}
