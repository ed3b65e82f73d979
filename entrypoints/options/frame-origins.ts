import { browser } from 'wxt/browser';
import { z } from 'zod';
import { isConsoleUrl, parseSitePattern } from '@/utils/console/sites';

/** A frame of another site found on an open console page, and the site pattern that would cover it. */
export interface FrameSite {
  /** e.g. `https://cti.example.net` */
  origin: string;
  /** e.g. `https://cti.example.net/*` */
  pattern: string;
  /** The console page it was found on. */
  pageUrl: string;
}

/** What the probe sends back from each frame: the frame URLs it sees (the page controls them: checked). */
const probeResultSchema = z.array(z.string().max(2_000)).max(200);

/**
 * Runs in each frame of a console page Seatmate may read (isolated world): the URLs of the frames
 * it contains. Nothing else is read or kept.
 */
function probeFrames(): string[] {
  return Array.from(document.querySelectorAll('iframe, frame'))
    .map((f) => (f as HTMLIFrameElement).src)
    .filter((src) => /^https?:/i.test(src))
    .slice(0, 200);
}

/**
 * The frames of other sites on the agent's open console tabs that are not console sites yet
 * (a CTI bar, an embedded ticket tool): Options offers to add them. Tabs Seatmate has no access
 * to are skipped; each origin is listed once.
 */
export async function findFrameSites(sites: readonly string[]): Promise<{ tabs: number; found: FrameSite[] }> {
  const tabs = (await browser.tabs.query({})).filter((t) => t.id !== undefined && isConsoleUrl(t.url ?? '', sites));
  const found = new Map<string, FrameSite>();
  for (const tab of tabs) {
    let results: { result?: unknown }[] = [];
    try {
      results = await browser.scripting.executeScript({
        target: { tabId: tab.id!, allFrames: true },
        func: probeFrames,
      });
    } catch {
      continue; // an error page, a tab that is closing
    }
    const pageOrigin = new URL(tab.url!).origin;
    for (const { result } of results) {
      const parsed = probeResultSchema.safeParse(result);
      if (!parsed.success) continue;
      for (const src of parsed.data) {
        let origin: string;
        try {
          origin = new URL(src).origin;
        } catch {
          continue;
        }
        if (origin === pageOrigin || found.has(origin) || isConsoleUrl(src, sites)) continue;
        const site = parseSitePattern(origin);
        if (site.ok) found.set(origin, { origin, pattern: site.pattern, pageUrl: tab.url! });
      }
    }
  }
  return { tabs: tabs.length, found: [...found.values()] };
}
