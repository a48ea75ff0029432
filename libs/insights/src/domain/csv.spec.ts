import { csvField, toCsv } from './csv.js';

describe('CSV', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(csvField('Kiwi Furuset')).toBe('Kiwi Furuset');
    expect(csvField('Solsikken, avd. 2')).toBe('"Solsikken, avd. 2"');
    expect(csvField('Barnehagen "Solsikken"')).toBe('"Barnehagen ""Solsikken"""');
    expect(csvField('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('keeps spreadsheet formulas inert but writes numbers as numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0.4667)).toBe('0.4667');
  });

  it('writes empty fields for missing values and booleans as words', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('ends every line with CRLF and starts with a byte-order mark for Excel', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });
});
