import type { FastifyReply } from 'fastify';

/**
 * The one CSV writer of the exports (leader dashboard, cost reports, expense analysis, survey results): RFC 4180
 * quoting with a semicolon as separator (what Danish spreadsheets open) and CRLF line ends.
 *
 * CSV injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a tab or a carriage return could be run
 * as a formula by a spreadsheet, so such a text cell is prefixed with a single quote. Numbers are never prefixed: a
 * negative number is a number, not a formula — whether it comes as a number or as its plain decimal text ("-12.50",
 * the kroner of a cost report).
 */

export type CsvCell = string | number | null;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;
const needsQuotes = /[";\r\n]/;

/** One cell: null is empty; text that a spreadsheet would run is neutralised; quoted when it holds ; " CR or LF. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header row, then the rows; every line (the last too) ends with CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/**
 * Sends a CSV document as a download: UTF-8 with a byte-order mark (so spreadsheet programs read æøå), named
 * `filename`, never cached (exports hold personal data). Every CSV route answers through this.
 */
export function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store').send(`\uFEFF${csv}`);
}
