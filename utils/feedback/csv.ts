import Papa from 'papaparse';

/**
 * CSV for people who open feedback in Excel or WPS: UTF-8 with a byte order mark, CRLF line
 * ends, every field quoted, and cells that a spreadsheet would run as a formula neutralised
 * (OWASP "CSV injection": a cell starting with `=`, `+`, `-`, `@`, tab, CR or LF gets a leading
 * `'`, so it is shown as text). Full-width `＝ ＋ － ＠` are neutralised too: some spreadsheet
 * apps on Chinese systems fold them to their ASCII forms. The JSON file, not the CSV, is what the
 * inbox imports, so the added `'` changes nothing that is read back.
 */

/** The byte order mark Excel and WPS look for to read a CSV file as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** Characters that make a spreadsheet read a cell as a formula when they start it. */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;

/** A cell value a spreadsheet will show as text, never run. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rows as CSV text: BOM, every field quoted and neutralised, CRLF after every row. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const safe = rows.map((r) => r.map((c) => neutraliseCell(String(c))));
  if (safe.length === 0) return CSV_BOM;
  return CSV_BOM + Papa.unparse(safe, { quotes: true, newline: '\r\n', escapeFormulae: false }) + '\r\n';
}
