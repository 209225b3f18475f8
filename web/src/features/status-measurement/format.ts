/** Number and date formats of the status-measurement pages. */
export function formatMean(value: number | null, language: string): string {
  if (value === null) return '–';
  return value.toLocaleString(language === 'en' ? 'en-GB' : 'da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function formatDate(iso: string, language: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString(language === 'en' ? 'en-GB' : 'da-DK', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** '2026-Q4' → '4. kvt. 2026' / 'Q4 2026'. */
export function quarterLabel(quarter: string, language: string): string {
  const [year, q] = quarter.split('-Q');
  return language === 'en' ? `Q${q} ${year}` : `${q}. kvt. ${year}`;
}
