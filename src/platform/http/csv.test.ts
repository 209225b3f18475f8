import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('toCsv: semicolon CSV (RFC 4180 quoting) with formula neutralising (OWASP CSV injection)', () => {
  it('separates with semicolons, ends every line with CRLF, leaves null empty', () => {
    expect(toCsv(['a', 'b', 'c'], [['x', 1, null], ['y', 2.5, 'z']])).toBe('a;b;c\r\nx;1;\r\ny;2.5;z\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('the cost report\'s cells: a comma is text, a formula is neutralised, kroner text stays a number', () => {
    expect(toCsv(['a', 'b'], [['x,y', '=SUM(A1)'], ['-12.50', null]])).toBe('a;b\r\nx,y;\'=SUM(A1)\r\n-12.50;\r\n');
  });

  it('quotes cells holding the separator, a quote or a line break, doubling quotes; a comma needs no quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell('x,y')).toBe('x,y');
  });

  it('prefixes text starting with = + - @ tab or CR with a single quote', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+45 12345678')).toBe("'+45 12345678");
    expect(csvCell('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('=HYPERLINK("http://x";"y")')).toBe('"\'=HYPERLINK(""http://x"";""y"")"');
  });

  it('never prefixes a number: a negative number is a number, as a number or as its plain decimal text', () => {
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-7')).toBe('-7');
    expect(csvCell('-12.50 kr')).toBe("'-12.50 kr");
    expect(csvCell('text - with a dash')).toBe('text - with a dash');
  });
});
