import { liveQuery } from 'dexie';
import type { Browser } from 'wxt/browser';
import { shapeInsert } from '@/utils/console/insert-shape';
import { saveTriggers } from '@/utils/console/triggers-store';
import { getDb } from '@/utils/db';
import type { Article } from '@/utils/kb/article';
import { insertableText } from '@/utils/kb/article-reply';
import { placeholderKeysIn } from '@/utils/kb/placeholders';
import { buildTriggerMap, triggerList } from '@/utils/kb/triggers';
import type { ExpandResult, MessageOf } from '@/utils/messages';
import { sendToTab } from '@/utils/messaging';
import { isConsoleFrame } from './overlay-relay';

/**
 * Text expansion, the background's side. The console content script holds only the trigger
 * strings (mirrored into `local:kbTriggers` whenever the KB changes); when the agent types one,
 * it asks here (`expand/lookup`) and gets the article's reply to insert, or, for a reply with
 * placeholders, the palette opens on that article's placeholder form.
 */

const MAX_HTML = 200_000;

/** Builds the trigger list from the database and mirrors it for the content scripts (writes only a difference). */
export async function mirrorTriggers(articles?: readonly Article[]): Promise<void> {
  const list = triggerList(buildTriggerMap(articles ?? (await getDb().articles.toArray())));
  await saveTriggers(list);
}

/**
 * Keeps the mirror current while the service worker runs: Dexie tells every context of the
 * extension's origin when another one (the KB page, Options, a pack sync) changed the articles.
 * A worker that slept rebuilds the list when it starts (called from main()).
 */
export function listenForTriggers(): void {
  liveQuery(() => getDb().articles.toArray()).subscribe({
    next: (articles) => void mirrorTriggers(articles).catch(() => undefined),
    error: () => undefined,
  });
}

/**
 * content script → background: the agent typed `trigger` (then Space, Enter or Tab) in a field of
 * a console tab. Answers with the reply to insert in its place; or, when the reply has
 * placeholders, opens the palette (top frame) on the article's placeholder form and answers
 * `form` (the form's insert replaces the trigger, which the content script selected); `none`
 * when no article has it.
 */
export async function handleExpandLookup(
  msg: MessageOf<'expand/lookup'>,
  sender: Browser.runtime.MessageSender,
): Promise<ExpandResult> {
  if (!(await isConsoleFrame(sender))) return { kind: 'none' };
  const articles = await getDb().articles.toArray();
  const id = buildTriggerMap(articles).get(msg.trigger);
  const article = id ? articles.find((a) => a.id === id) : undefined;
  if (!article) return { kind: 'none' };
  const { text: markdown } = insertableText(article);
  if (placeholderKeysIn(markdown).length > 0) {
    const opened = await sendToTab(sender.tab!.id!, { type: 'console/open-palette', articleId: article.id }).catch(
      () => ({ opened: false }),
    );
    return opened.opened ? { kind: 'form' } : { kind: 'none' };
  }
  const { text, html } = shapeInsert(markdown, {});
  if (!text.trim()) return { kind: 'none' };
  return html.length <= MAX_HTML ? { kind: 'text', text, html } : { kind: 'text', text };
}
