/**
 * Which result (1–9) a key picks, or null. Alt+1…9 always pick (by physical key, so layouts
 * where Alt+digit types a symbol still work); plain 1–9 pick only while the search box is empty,
 * because agents type digits into searches (order numbers, 401k).
 */
export function pickedNumber(e: KeyboardEvent, searchEmpty: boolean): number | null {
  if (e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const code = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (e.altKey) return code ? Number(code[1]) : null;
  if (searchEmpty && /^[1-9]$/.test(e.key)) return Number(e.key);
  return null;
}
