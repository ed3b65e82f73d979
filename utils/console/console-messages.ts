import * as v from 'valibot';
import {
  PLACEHOLDER_KEY_MESSAGE,
  PLACEHOLDER_KEY_PATTERN,
  STORED_ARTICLE_ID_MESSAGE,
  STORED_ARTICLE_ID_PATTERN,
} from '../kb/article-ids';
import { pageRuleSchema } from './page-rule';
import { MAX_PAGE_VALUES } from './page-values-read';

/**
 * The messages the console content script acts on, and the replies it reads, defined once
 * (valibot: small enough for the script that runs on every console page). utils/messages.ts embeds
 * these in its zod `messageSchema` and `responseSchemas` (through utils/zod-valibot.ts), so every
 * sender and receiver checks the same definitions. Unknown keys are dropped.
 */

/** Text an agent can insert: one article body at most. */
export const insertTextSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(50_000));
/** The article rendered and sanitised as HTML, for rich-text editors that take HTML. */
export const insertHtmlSchema = v.pipe(v.string(), v.maxLength(200_000));

const storedArticleId = v.pipe(v.string(), v.regex(STORED_ARTICLE_ID_PATTERN, STORED_ARTICLE_ID_MESSAGE));
const placeholderKey = v.pipe(v.string(), v.regex(PLACEHOLDER_KEY_PATTERN, PLACEHOLDER_KEY_MESSAGE));

/** background → content script: the schemas of the messages the content script acts on. */
export const consoleMessageSchemas = [
  /** (top frame of the tab that owns the overlay) close the palette (and give focus back). */
  v.object({ type: v.literal('console/close-overlay'), restoreFocus: v.boolean() }),
  /** insert into the agent's last field; plain fields always get `text`. */
  v.object({ type: v.literal('console/insert'), text: insertTextSchema, html: v.optional(insertHtmlSchema) }),
  /**
   * open the palette (browser command, popup, context menu), with `query` to search for (the text
   * the agent selected). `toggle`: the hotkey pressed in a child frame (it closes an open palette,
   * as the hotkey on the page does).
   */
  v.object({
    type: v.literal('console/open-palette'),
    query: v.optional(v.pipe(v.string(), v.maxLength(200))),
    toggle: v.optional(v.boolean()),
    /** A trigger typed in a field expands to this article, which asks for placeholders: open its form. */
    articleId: v.optional(storedArticleId),
  }),
  /** (Options' rule tester, through the background) try these rules on this page. */
  v.object({
    type: v.literal('console/test-rules'),
    rules: v.pipe(v.array(pageRuleSchema), v.maxLength(50)),
    contextSelector: v.optional(v.pipe(v.string(), v.maxLength(300))),
  }),
  /** (top frame) show the toast frame at this height (never focused), or hide it. */
  v.object({
    type: v.literal('console/toast'),
    visible: v.boolean(),
    height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(800)),
  }),
  /** (top frame) read these elements' text (bounded, see utils/console/page-values-read.ts). */
  v.object({
    type: v.literal('console/read-values'),
    fields: v.pipe(
      v.array(v.object({ key: placeholderKey, selector: v.pipe(v.string(), v.minLength(1), v.maxLength(300)) })),
      v.maxLength(MAX_PAGE_VALUES),
    ),
  }),
] as const;

/** Any message the content script acts on. */
export const consoleMessageSchema = v.variant('type', consoleMessageSchemas);

/** The messages the console content script acts on. */
export type ConsoleMessage = v.InferOutput<typeof consoleMessageSchema>;

/**
 * What a typed trigger expands to: `text` (and HTML for rich-text editors) to insert in place of
 * the trigger, `form` when the palette opened the article's placeholder form, `none` when no
 * article has the trigger (any more).
 */
export const expandResultSchema = v.variant('kind', [
  v.object({ kind: v.literal('none') }),
  v.object({ kind: v.literal('text'), text: insertTextSchema, html: v.optional(insertHtmlSchema) }),
  v.object({ kind: v.literal('form') }),
]);
export type ExpandResult = v.InferOutput<typeof expandResultSchema>;

const okReply = v.object({ ok: v.boolean() });
/** `recorded: false` when there was nothing to write (e.g. the agent was already in that state). */
const recordedReply = v.object({ recorded: v.boolean() });

/** The replies to the messages the console content script sends to the background. */
export const consoleReplySchemas = {
  'overlay/register': okReply,
  'ledger/set': recordedReply,
  'frame/field': okReply,
  /** `opened: false` when the tab is not a console, or the press closed the palette. */
  'frame/hotkey': v.object({ opened: v.boolean() }),
  'rules/disabled': recordedReply,
  'toast/register': okReply,
  'expand/lookup': expandResultSchema,
};

/** The messages the console content script sends to the background. */
export type ConsoleOutgoing = keyof typeof consoleReplySchemas;
/** The reply to a message the content script sent. */
export type ConsoleReply<T extends ConsoleOutgoing> = v.InferOutput<(typeof consoleReplySchemas)[T]>;

/** Reads a message for the content script; null for anything else (or anything malformed). */
export function parseConsoleMessage(raw: unknown): ConsoleMessage | null {
  const r = v.safeParse(consoleMessageSchema, raw);
  return r.success ? r.output : null;
}

/** Checks a reply to a message the content script sent; throws, naming the message and the field, when it does not fit. */
export function parseConsoleResponse<T extends ConsoleOutgoing>(type: T, raw: unknown): ConsoleReply<T> {
  const r = v.safeParse(consoleReplySchemas[type], raw);
  if (r.success) return r.output as ConsoleReply<T>;
  const issue = r.issues[0];
  throw new Error(`Unexpected reply to ${type}: ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
}
