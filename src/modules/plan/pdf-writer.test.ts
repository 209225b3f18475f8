import { describe, expect, it } from 'vitest';
import { PdfDocument, textWidth, wrap } from './pdf-writer.js';

describe('the small PDF writer', () => {
  it('wraps text to the width, keeps line breaks, and cuts a word wider than the line', () => {
    const lines = wrap('Familien ønsker ro om aftenen og en fast plan for weekenderne\nNy linje', 120, 10);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(120);
    expect(lines[lines.length - 1]).toBe('Ny linje');
    expect(wrap('x'.repeat(200), 50, 10).every((l) => textWidth(l, 10) <= 50)).toBe(true);
  });

  it('writes a valid file: header, objects at the offsets the xref table names, Danish letters in WinAnsi, page numbers', () => {
    const doc = new PdfDocument('Fælles plan');
    for (let i = 0; i < 120; i += 1) doc.text(`Linje ${i}: æøå ÆØÅ § (parentes) \\ – “citat”`);
    const pdf = doc.render();
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/(\d{10}) 00000 n/g)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(text).toContain('\\346\\370\\345');
    expect(text).toContain('\\(parentes\\) \\\\ \\226');
    expect(Number(/\/Count (\d+)/.exec(text)![1])).toBeGreaterThan(1);
    expect(text).toContain('Side 1 af');
  });
});
