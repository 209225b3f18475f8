/** Display helpers: dates in the reader's language, CPR numbers masked or in the usual ddmmåå-xxxx form. */

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'da-DK';
}

/** A `YYYY-MM-DD` date as 03.06.2010 (Danish) or 03/06/2010 (English); null becomes null. */
export function formatDate(value: string | null | undefined, language: string): string | null {
  if (!value) return null;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return value;
  return new Intl.DateTimeFormat(locale(language), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** An ISO instant as date and time in the browser's time zone. */
export function formatDateTime(value: string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** Ten digits as ddmmåå-xxxx. */
export function formatCpr(cpr: string): string {
  return cpr.length === 10 ? `${cpr.slice(0, 6)}-${cpr.slice(6)}` : cpr;
}

/** Only the last four digits are shown until the user asks to see the whole number. */
export function maskCpr(cpr: string): string {
  return `xxxxxx-${cpr.slice(-4)}`;
}

/** Today in the browser's time zone as `YYYY-MM-DD` (the default for date fields). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Empty text fields are sent as null, so optional values can be cleared. */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
