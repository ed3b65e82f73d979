import { localItem } from './local-item';
import { keepValidSiteRules, type SiteRules } from './page-rule';

/**
 * The page rules of installed team packs, mirrored from the database into `local:packPageRules`
 * (the console content script must not open the database — it runs in the page's origin). Written
 * by the background after every pack sync and at start-up, and by Options when packs are imported
 * or removed there. A list of site rules, packs in id order, sites in pack order.
 */
export const packPageRulesItem = localItem<unknown>('packPageRules', []);

/**
 * Keeps the valid entries of a stored list (a damaged entry costs only itself). Checked with
 * `siteRulesSchema`, the one the console content script uses.
 */
export function parsePackPageRules(raw: unknown): SiteRules[] {
  return keepValidSiteRules(raw);
}

/** Reads the mirrored pack rules (always valid). */
export async function loadPackPageRules(): Promise<SiteRules[]> {
  return parsePackPageRules(await packPageRulesItem.getValue());
}

/** Stores the pack rules when they differ from what is stored (no write, no change event otherwise). */
export async function savePackPageRules(list: SiteRules[]): Promise<boolean> {
  const current = await packPageRulesItem.getValue();
  if (JSON.stringify(current) === JSON.stringify(list)) return false;
  await packPageRulesItem.setValue(list);
  return true;
}

/** Calls `onChange` with the pack rules whenever they change. Returns an unsubscribe function. */
export function watchPackPageRules(onChange: (list: SiteRules[]) => void): () => void {
  return packPageRulesItem.watch((raw) => onChange(parsePackPageRules(raw)));
}
