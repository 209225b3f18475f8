/** "1.234,50 kr." in Danish, "DKK 1,234.50" in English. */
export function formatAmount(amountDkk: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'da-DK', { style: 'currency', currency: 'DKK', minimumFractionDigits: 2 }).format(amountDkk);
}

/** A typed amount ("1.234,50" or "1234.50") as a number; null when empty, NaN when not a number (the API then says why). */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return null;
  // Danish: "." groups thousands and "," is the decimal mark; a lone "." is read as a decimal point.
  const normalized = trimmed.includes(',') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed;
  return Number(normalized);
}
