import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toCsv, type CsvCell } from '../../platform/http/csv.js';
import { phases } from './analysis.js';
import type { SeriesResult } from './schema.js';

/** CSV and PDF exports of a series' results (issue 10 item 4): the same aggregates the page shows, nothing per family. */

const phaseDa = { baseline: 'Baselinemåling', midway: 'Midtvejsmåling', end: 'Slutmåling' } as const;
const modelName = { efei: 'Én familie – én indgang (EFEI)', sof: 'Sammen om familien (SOF)' } as const;
const instrumentDa = { parent: 'Forældrenes', staff: 'Fagpersoners' } as const;

/** A number with at most 6 decimals (no float tails such as 4.500000000001 in the export). */
const rounded = (value: CsvCell) => (typeof value === 'number' ? Number(value.toFixed(6)) : value);

/**
 * The series as the shared semicolon CSV (platform/http/csv.ts: RFC 4180 quoting, formulas neutralised; sendCsv adds
 * the byte-order mark): one row per item and one per theme.
 */
export function seriesCsv(result: SeriesResult): string {
  const header = ['instrument', 'model', 'series', 'level', 'theme', 'item', 'text_da',
    ...phases.flatMap((p) => [`${p}_n`, `${p}_mean`]), 'difference', 't', 'df', 'p', 'significant', 'paired_p',
    ...phases.map((p) => `national_${p}`), 'national_p'];
  const rows: CsvCell[][] = [];
  for (const theme of result.themes) {
    const line = (level: string, item: string, text: string, x: typeof theme | (typeof theme.items)[number]) => rows.push([
      result.instrument, result.model, result.series, level, theme.key, item, text,
      ...phases.flatMap((p) => [x.byPhase[p].tooFew ? null : x.byPhase[p].n, x.byPhase[p].mean]),
      x.test?.difference ?? null, x.test?.t ?? null, x.test?.df ?? null, x.test ? x.test.p.toFixed(4) : null,
      x.test ? (x.test.significant ? '*' : '') : null, x.pairedTest ? x.pairedTest.p.toFixed(4) : null,
      ...phases.map((p) => x.reference?.[p] ?? null), x.reference?.p ?? null,
    ].map(rounded));
    line('theme', '', theme.titleDa, theme);
    for (const item of theme.items) line('item', item.key, item.textDa, item);
  }
  return toCsv(header, rows);
}

/** The standard PDF fonts speak WinAnsi: æøå are there; anything else is replaced so the export never fails. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7E\xA0-\xFF…–—‘’“”€]/g, (c) => (c === '≥' ? '>=' : '?'));
}

const num = (v: number | null) => (v === null ? '–' : v.toFixed(1).replace('.', ','));

/**
 * A report like the national evaluation's (evaluation.md §6): per theme a table of item means per wave with p for
 * end vs baseline, and a theme overview with horizontal bars (grey / light blue / dark blue) on the 1-6 scale.
 */
export async function toPdf(result: SeriesResult, generatedOn: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Spørgeskemaresultater ${result.series}`));
  doc.setLanguage('da-DK');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([595, 842]);
  let y = 800;
  const write = (text: string, options: { size?: number; f?: PDFFont; x?: number; color?: ReturnType<typeof rgb> } = {}) => {
    const size = options.size ?? 9;
    if (y < 60) {
      page = doc.addPage([595, 842]);
      y = 800;
    }
    page.drawText(winAnsi(text), { x: options.x ?? 40, y, size, font: options.f ?? font, color: options.color ?? rgb(0, 0, 0), maxWidth: 515 });
  };
  const nl = (h = 13) => { y -= h; };
  write(`${instrumentDa[result.instrument]} gennemsnitlige vurdering – ${modelName[result.model]}`, { size: 14, f: bold }); nl(20);
  write(`Serie: ${result.series}. Dannet ${generatedOn}. Skala 1 (slet ikke) – 6 (i meget høj grad).`); nl();
  write(phases.map((p) => `${phaseDa[p]}: n=${result.respondents[p]}`).join(', ') + '.'); nl();
  write(`Resultater vises kun for grupper på mindst ${result.minimumGroup} besvarelser. Landstal: ${result.referenceLabel}.`, { size: 8 }); nl(20);

  // Theme overview: bars per theme per wave.
  write('Temaoversigt', { size: 12, f: bold }); nl(16);
  const colours = [rgb(0.62, 0.62, 0.62), rgb(0.55, 0.75, 0.9), rgb(0.05, 0.25, 0.55)];
  for (const theme of result.themes) {
    write(theme.titleDa, { f: bold }); nl(11);
    phases.forEach((p, index) => {
      const mean = theme.byPhase[p].mean;
      if (y < 60) { page = doc.addPage([595, 842]); y = 800; }
      page.drawText(winAnsi(phaseDa[p]), { x: 50, y, size: 7, font });
      if (mean !== null) page.drawRectangle({ x: 140, y: y - 1, width: (mean / 6) * 300, height: 7, color: colours[index]! });
      page.drawText(mean === null ? 'For få svar' : num(mean), { x: mean === null ? 140 : 145 + (mean / 6) * 300, y, size: 7, font });
      nl(9);
    });
    if (theme.test) { write(`Slut vs. baseline: p=${theme.test.pText.replace('.', ',')}`, { size: 7, x: 50 }); nl(10); }
    nl(4);
  }
  nl(10);
  for (const theme of result.themes) {
    write(`Tema: ${theme.titleDa}`, { size: 11, f: bold }); nl(14);
    write('Spørgsmål', { f: bold, size: 8 });
    ['B', 'M', 'S', 'p', 'Land B/M/S'].forEach((h, i) => page.drawText(h, { x: 330 + i * 40, y, size: 8, font: bold }));
    nl(11);
    for (const item of theme.items) {
      write(item.textDa.length > 70 ? `${item.textDa.slice(0, 68)}…` : item.textDa, { size: 7 });
      phases.forEach((p, i) => page.drawText(item.byPhase[p].tooFew ? 'for få' : num(item.byPhase[p].mean), { x: 330 + i * 40, y, size: 7, font }));
      page.drawText(item.test ? item.test.pText.replace('.', ',') : '–', { x: 450, y, size: 7, font });
      const ref = item.reference;
      page.drawText(ref && ref.baseline !== null ? `${num(ref.baseline)}/${num(ref.midway)}/${num(ref.end)}` : '–', { x: 490, y, size: 7, font });
      nl(10);
    }
    nl(8);
  }
  write('* Angiver de middelværdier for slutmålingen, der er signifikant forskellige fra middelværdierne ved baselinemålingen med et signifikansniveau på 0,05 (Welch t-test).', { size: 7 });
  return doc.save();
}
