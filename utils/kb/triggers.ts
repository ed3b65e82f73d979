import { TRIGGER_PATTERN } from '../console/expansion';

/**
 * The KB's text-expansion triggers: which article each trigger typed in a console field expands
 * to. Built by the background from the database (the console content script never loads the KB:
 * it holds only the list of trigger strings). Pure.
 */

/** The article fields the trigger map needs. */
export interface TriggerSource {
  id: string;
  trigger?: string | undefined;
  source: string;
  lang: string;
}

/** Who wins when two articles share a trigger: the agent's own, then the sample, then packs. */
const SOURCE_RANK: Record<string, number> = { local: 0, sample: 1, pack: 2 };

/**
 * Trigger → article id. When two articles carry the same trigger, the agent's own article wins
 * over the sample and the team packs; among equals, an article in `preferredLang`, then the
 * smallest id (so the choice is stable).
 */
export function buildTriggerMap(articles: readonly TriggerSource[], preferredLang?: string): Map<string, string> {
  const rank = (a: TriggerSource) =>
    [SOURCE_RANK[a.source] ?? 3, preferredLang && a.lang === preferredLang ? 0 : 1] as const;
  const sorted = articles
    .filter((a) => a.trigger !== undefined && TRIGGER_PATTERN.test(a.trigger))
    .slice()
    .sort((a, b) => {
      const [ra, la] = rank(a);
      const [rb, lb] = rank(b);
      return ra - rb || la - lb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
  const map = new Map<string, string>();
  for (const a of sorted) if (!map.has(a.trigger!)) map.set(a.trigger!, a.id);
  return map;
}

/** The trigger strings of a map, sorted (what the content script is sent). */
export function triggerList(map: ReadonlyMap<string, string>): string[] {
  return [...map.keys()].sort();
}
