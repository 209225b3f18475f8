/**
 * A small PDF 1.4 writer for text documents: A4 pages, the standard Helvetica fonts (no embedding, no native code),
 * WinAnsi encoding so Danish letters (æ ø å Æ Ø Å) and § print correctly. Enough for a plan that reads well on paper:
 * headings, wrapped paragraphs, labelled lines, bullets, rules and page numbers.
 */

export const pageWidth = 595.28;
export const pageHeight = 841.89;
const margin = 56;

type Font = 'regular' | 'bold' | 'italic';
const fontNames: Record<Font, string> = { regular: 'F1', bold: 'F2', italic: 'F3' };

/** Helvetica advance widths (per 1000 em) for ASCII 32-126, from the standard font metrics. */
const helvetica = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const helveticaBoldFactor = 1.08;
const latinWidths: Record<string, number> = { 'æ': 889, 'Æ': 1000, 'ø': 611, 'Ø': 778, 'å': 556, 'Å': 667, 'é': 556, 'ü': 556, 'ö': 556, 'ä': 556, '§': 556, '–': 556, '—': 1000, '•': 350, '“': 333, '”': 333, '’': 222 };

function charWidth(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 32 && code <= 126) return helvetica[code - 32]!;
  return latinWidths[ch] ?? 556;
}

export function textWidth(text: string, size: number, font: Font = 'regular'): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return (w * size * (font === 'bold' ? helveticaBoldFactor : 1)) / 1000;
}

/** WinAnsi (cp1252) bytes for the characters outside Latin-1 that a Danish text uses. */
const winAnsiExtra: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97 };

/** A PDF string literal, ASCII only: ( ) \ escaped, other bytes as octal escapes. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    let code = ch.charCodeAt(0);
    if (winAnsiExtra[ch] !== undefined) code = winAnsiExtra[ch]!;
    else if (code > 255) code = 0x3f; // '?': no glyph in WinAnsi
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch;
    else if (code < 32 || code > 126) out += '\\' + code.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + ')';
}

/** Splits a text into lines that fit the width, keeping the text's own line breaks. */
export function wrap(text: string, width: number, size: number, font: Font = 'regular'): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, size, font) <= width || !line) {
        line = candidate;
        // A single word wider than the line is cut where it must be.
        while (textWidth(line, size, font) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && textWidth(line.slice(0, cut), size, font) > width) cut -= 1;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      } else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

export class PdfDocument {
  private pages: string[][] = [];
  private y = 0;
  readonly contentWidth = pageWidth - 2 * margin;

  constructor(private readonly footer: string) {
    this.newPage();
  }

  private get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }

  newPage(): void {
    this.pages.push([]);
    this.y = pageHeight - margin;
  }

  private ensure(height: number): void {
    if (this.y - height < margin + 20) this.newPage();
  }

  private line(text: string, x: number, size: number, font: Font): void {
    this.ops.push(`BT /${fontNames[font]} ${size} Tf ${x.toFixed(2)} ${this.y.toFixed(2)} Td ${pdfString(text)} Tj ET`);
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A wrapped paragraph, optionally indented; kept on one page when it is short. */
  text(text: string, options: { size?: number; font?: Font; indent?: number; keepWithNext?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.font ?? 'regular';
    const indent = options.indent ?? 0;
    const leading = size * 1.35;
    const lines = wrap(text, this.contentWidth - indent, size, font);
    if (lines.length <= 6) this.ensure(lines.length * leading + (options.keepWithNext ?? 0));
    for (const l of lines) {
      this.ensure(leading);
      this.y -= leading;
      this.line(l, margin + indent, size, font);
    }
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 4);
    this.space(size * 0.6);
    this.text(text, { size, font: 'bold' });
    this.space(2);
  }

  /** "Label: value" with the label in bold and the value wrapped under the label's indent when long. */
  field(label: string, value: string, indent = 0): void {
    const size = 10;
    const leading = size * 1.35;
    const labelText = `${label}: `;
    const labelWidth = textWidth(labelText, size, 'bold') + 3;
    const lines = wrap(value || '—', this.contentWidth - indent - labelWidth, size);
    this.ensure(Math.min(lines.length, 4) * leading);
    lines.forEach((l, i) => {
      this.ensure(leading);
      this.y -= leading;
      if (i === 0) this.line(labelText, margin + indent, size, 'bold');
      this.line(l, margin + indent + labelWidth, size, 'regular');
    });
  }

  bullet(text: string, indent = 12): void {
    const size = 10;
    const leading = size * 1.35;
    const lines = wrap(text, this.contentWidth - indent - 10, size);
    lines.forEach((l, i) => {
      this.ensure(leading);
      this.y -= leading;
      if (i === 0) this.line('•', margin + indent, size, 'regular');
      this.line(l, margin + indent + 10, size, 'regular');
    });
  }

  rule(): void {
    this.ensure(12);
    this.y -= 6;
    this.ops.push(`0.6 G 0.5 w ${margin} ${this.y.toFixed(2)} m ${(pageWidth - margin).toFixed(2)} ${this.y.toFixed(2)} l S 0 G`);
    this.y -= 6;
  }

  /** The finished file. */
  render(): Buffer {
    const objects: string[] = [];
    const add = (body: string) => objects.push(body) - 1 + 1;
    const catalog = add('');
    const pagesObj = add('');
    const fonts = [
      add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
      add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'),
      add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>'),
    ];
    const total = this.pages.length;
    const pageIds: number[] = [];
    this.pages.forEach((ops, i) => {
      const footerText = `${this.footer} · Side ${i + 1} af ${total}`;
      const footer = `BT /F1 8 Tf ${margin} ${(margin - 24).toFixed(2)} Td ${pdfString(footerText)} Tj ET`;
      const stream = [...ops, footer].join('\n');
      const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
      pageIds.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] ` +
        `/Resources << /Font << /F1 ${fonts[0]} 0 R /F2 ${fonts[1]} 0 R /F3 ${fonts[2]} 0 R >> >> /Contents ${content} 0 R >>`));
    });
    objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R /Lang (da-DK) >>`;
    objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
    let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(Buffer.byteLength(out, 'latin1'));
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out, 'latin1');
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  }
}
