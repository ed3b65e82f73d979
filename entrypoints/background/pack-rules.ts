import { getDb } from '@/utils/db';
import { packSiteRules } from '@/utils/console/rule-eval';
import { savePackPageRules } from '@/utils/console/page-rules-store';

/**
 * Mirrors the installed team packs' page rules into `local:packPageRules` for the console content
 * script (which cannot open the database). Cheap when nothing changed: it writes only a difference.
 */
export async function mirrorPackPageRules(): Promise<void> {
  await savePackPageRules(packSiteRules(await getDb().packs.toArray()));
}
