import { browser } from 'wxt/browser';
import type { SiteRules } from '@/utils/console/page-rule';
import { isConsoleUrl } from '@/utils/console/sites';
import type { MessageOf } from '@/utils/messages';

/**
 * The text of the element the site's `contextSelector` names (e.g. the ticket subject), trimmed to
 * 500 characters, or undefined. The agent's rules come first, then the team packs'. This one
 * element's text is all that leaves the page, and only into the extension.
 */
export function readContext(agent: readonly SiteRules[], packs: readonly SiteRules[]): string | undefined {
  for (const entry of [...agent, ...packs]) {
    if (!entry.contextSelector || !isConsoleUrl(location.href, [entry.site])) continue;
    let el: Element | null = null;
    try {
      el = document.querySelector(entry.contextSelector);
    } catch {
      continue; // an invalid selector is reported by the rule tester, not here
    }
    const text = el?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 500);
    if (text) return text;
  }
  return undefined;
}

/** A field's `maxlength` and what is already in it (a selection is replaced, so it is not counted). */
export function fieldLimit(field: Element | null | undefined): FieldLimit | undefined {
  if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) || field.maxLength <= 0)
    return undefined;
  const selected = Math.max(0, (field.selectionEnd ?? 0) - (field.selectionStart ?? 0));
  return { maxLength: field.maxLength, used: Math.max(0, field.value.length - selected) };
}

type FieldLimit = NonNullable<MessageOf<'palette/prefill'>['field']>;

/**
 * Hands a query, page context and the field's length limit to this tab's palette frame. Extension
 * messages reach only extension contexts (never the page); the frame acts only on its own nonce.
 * The frame may still be loading, so this retries for up to 3 seconds until it answers.
 */
export async function sendPrefill(
  nonce: string,
  query: string,
  context?: string,
  field?: FieldLimit,
): Promise<boolean> {
  const msg: MessageOf<'palette/prefill'> = { type: 'palette/prefill', nonce, query };
  if (context) msg.context = context;
  if (field) msg.field = field;
  return sendToPalette(msg);
}

/** Asks this tab's palette frame to open the placeholder form of `articleId` (a trigger was typed for it). */
export function sendOpenForm(nonce: string, articleId: string): Promise<boolean> {
  return sendToPalette({ type: 'palette/open-form', nonce, articleId });
}

/** Sends `msg` to the palette frame, retrying for up to 3 seconds until it answers `ok`. */
async function sendToPalette(msg: MessageOf<'palette/prefill' | 'palette/open-form'>): Promise<boolean> {
  for (let i = 0; i < 30; i++) {
    try {
      const reply = (await browser.runtime.sendMessage(msg)) as { ok?: boolean } | undefined;
      if (reply?.ok) return true;
    } catch {
      // No palette listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
