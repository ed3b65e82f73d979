import { z } from 'zod';
import { PACK_ERROR_CODES } from './kb/pack-url';
import { pageRuleSchema as pageRuleV } from './console/page-rule';
import {
  consoleMessageSchema,
  consoleReplySchemas,
  expandResultSchema as expandResultV,
  insertHtmlSchema,
  insertTextSchema,
} from './console/console-messages';
import { fromValibot } from './zod-valibot';
import { AGENT_STATES, otherCodeSchema } from './time/states';
import { PROMPT_KINDS } from './wellbeing/catalogue';
import { MAX_PAUSE_MINUTES, MOOD_WORDS_MAX, seenPromptSchema } from './wellbeing/records';
import { TRIGGER_PATTERN } from './console/expansion';
import { MAX_PAGE_VALUES, MAX_PAGE_VALUE_LENGTH, PAGE_VALUE_PROBLEMS } from './console/page-values-read';
import { placeholderKeySchema, storedArticleIdSchema } from './kb/article';

/**
 * Messages between the console content script, the overlay page, extension pages and the
 * background. Every receiver parses with `messageSchema` before acting; anything else is ignored.
 * Data never travels through `window.postMessage`. The messages the console content script acts
 * on (`console/*`), page rules and the replies the content script reads are defined once, in
 * valibot, in utils/console/console-messages.ts (the content script must stay small); they are
 * embedded here.
 */

const nonce = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);
/** Text an agent can insert: one article body at most. */
const insertText = fromValibot(insertTextSchema);
const insertHtml = fromValibot(insertHtmlSchema);
const pageRuleSchema = fromValibot(pageRuleV);
const articleRef = storedArticleIdSchema;

const otherMessageSchema = z.discriminatedUnion('type', [
  /** content script → background: "I opened an overlay frame carrying this nonce". */
  z.object({ type: z.literal('overlay/register'), nonce }),
  /** overlay → background: "was I opened by Seatmate in this tab?" */
  z.object({ type: z.literal('overlay/hello'), nonce }),
  /** overlay → background → content script: close the palette (and give focus back). */
  z.object({ type: z.literal('overlay/close'), nonce, restoreFocus: z.boolean() }),
  /**
   * overlay → background → content script: insert text into the agent's last field. `html` is the
   * article rendered and sanitised in the overlay, for rich-text editors that take HTML; plain
   * fields always get `text`.
   */
  z.object({ type: z.literal('overlay/insert'), nonce, text: insertText, html: insertHtml.optional() }),
  /**
   * content script (any frame of a console tab) → background: the agent typed this trigger (and
   * Space, Enter or Tab) in a field. The background answers with the text to insert, or opens the
   * palette's placeholder form for the article (it asks for values), or `none`.
   */
  z.object({ type: z.literal('expand/lookup'), trigger: z.string().regex(TRIGGER_PATTERN) }),
  /** content script (top frame) → overlay page (matched by nonce): open the placeholder form of this article. */
  z.object({ type: z.literal('palette/open-form'), nonce, articleId: articleRef }),
  /**
   * overlay → background → content script (top frame): the placeholder form opens; read the values
   * the console site maps to these keys from the page. Values are not stored or logged.
   */
  z.object({ type: z.literal('page/values'), nonce, keys: z.array(placeholderKeySchema).max(MAX_PAGE_VALUES) }),
  /**
   * content script (any frame of a console tab) → background: the agent's field is in this frame
   * now. The background sends the next insert (and gives focus back) to the frame that said so last.
   */
  z.object({ type: z.literal('frame/field') }),
  /**
   * content script (a child frame of a console tab) → background: the hotkey was pressed here (it
   * toggles the palette; `open`: it opens it, pressed while an insert was under way).
   */
  z.object({ type: z.literal('frame/hotkey'), open: z.literal(true).optional() }),
  /** popup → background: open the palette on the active console tab. */
  z.object({ type: z.literal('palette/open') }),
  /**
   * background → overlay page (matched by nonce): fill the search box with `query`, or, when it is
   * empty, pre-rank suggestions with `context` (text of a page element named by a page rule).
   */
  z.object({
    type: z.literal('palette/prefill'),
    nonce,
    query: z.string().max(200),
    context: z.string().max(500).optional(),
    /** The agent's field's `maxlength` and the characters already in it, when it has one. */
    field: z
      .object({ maxLength: z.number().int().positive().max(10_000_000), used: z.number().int().nonnegative() })
      .optional(),
  }),
  /**
   * → background, the one writer of the state ledger: the agent is now in `state`.
   * `page` comes from the console content script (a page rule matched), `manual`/`hotkey` from the
   * popup or the overlay's status pill. The background stamps the time.
   */
  z.object({
    type: z.literal('ledger/set'),
    state: z.enum(AGENT_STATES),
    code: otherCodeSchema.optional(),
    source: z.enum(['page', 'manual', 'hotkey']),
  }),
  /**
   * Options → background → console content scripts: highlight what these rules match on the open
   * console pages for a few seconds and report it (the rule tester). Nothing is recorded.
   */
  z.object({
    type: z.literal('rules/test'),
    site: z.string().min(1).max(300),
    rules: z.array(pageRuleSchema).max(50),
    contextSelector: z.string().max(300).optional(),
  }),
  /**
   * console content script → background: this page rule ran out of its budget on this page and
   * was switched off (utils/console/rule-health.ts); the background records it for every console
   * page and for Options (utils/console/rule-problems.ts).
   */
  z.object({
    type: z.literal('rules/disabled'),
    rule: pageRuleSchema,
    reason: z.enum(['steps', 'time']),
    ms: z.number().nonnegative().max(3_600_000),
    url: z.string().max(2_000),
  }),
  /** extension page → background: bring content-script registration in line with settings now. */
  z.object({ type: z.literal('sites/sync') }),
  /** extension page → background: sync one team pack now, or every subscribed pack when `id` is absent. */
  z.object({ type: z.literal('packs/sync'), id: z.string().min(1).max(2_200).optional() }),
  /** Options → background: download, validate and install the pack at this URL (nothing stored if it fails). */
  z.object({ type: z.literal('packs/subscribe'), url: z.string().min(1).max(2_000) }),
  // Wellbeing (entrypoints/background/wellbeing.ts). The toast is Seatmate's own frame on the
  // console page (toast.html), proven by a nonce like the palette's.
  /** content script (top frame) → background: "I created a toast frame carrying this nonce". */
  z.object({ type: z.literal('toast/register'), nonce }),
  /** toast frame → background: "was I opened by Seatmate in this tab?" */
  z.object({ type: z.literal('toast/hello'), nonce }),
  /** toast frame → background → content script: show me at this height, or hide me. */
  z.object({
    type: z.literal('toast/layout'),
    nonce,
    visible: z.boolean(),
    height: z.number().int().min(0).max(800),
  }),
  /** toast or extension page → background: the agent's answer to the prompts of the toast. */
  // `seen`: the prompts the toast showed at the click (only those are answered); absent: all of them.
  z.object({
    type: z.literal('wellbeing/respond'),
    outcome: z.enum(['done', 'snoozed', 'skipped']),
    seen: z
      .array(seenPromptSchema)
      .max(PROMPT_KINDS.length * 2)
      .optional(),
  }),
  /** → background: pause reminders for `minutes` (it ends by itself); 0 resumes them now. */
  z.object({ type: z.literal('wellbeing/pause'), minutes: z.number().int().min(0).max(MAX_PAUSE_MINUTES) }),
  /** → background: the mood check-in answered (1–5, a few words) or skipped (`mood` null). */
  z.object({
    type: z.literal('wellbeing/mood'),
    phase: z.enum(['start', 'end']),
    mood: z.number().int().min(1).max(5).nullable(),
    words: z
      .string()
      .max(MOOD_WORDS_MAX * 4)
      .optional(),
  }),
  /** → background: the breathing exercise after a tough call was done or declined. */
  z.object({
    type: z.literal('wellbeing/breathing'),
    ref: z.number().int().nonnegative(),
    outcome: z.enum(['done', 'skipped']),
  }),
  /** palette or extension page → background: mark the call that just ended (or is on) as tough. */
  z.object({ type: z.literal('wellbeing/tough') }),
  /** background → its offscreen document: play the soft sound. */
  z.object({ type: z.literal('offscreen/chime') }),
]);

/**
 * Every message: the ones above, and the `console/*` ones (background → console content script:
 * close the overlay, insert, open the palette, test rules on the page, show the toast, read page
 * values; see utils/console/console-messages.ts).
 */
export const messageSchema = z.union([otherMessageSchema, fromValibot(consoleMessageSchema)]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/**
 * Why an insert did not happen, or could not be confirmed: `not-inserted` the field did not take
 * it (the agent's text is as it was); `unconfirmed` something changed but Seatmate could not read
 * the insert back as it should be (the agent should look, and copy instead).
 */
export const INSERT_FAILURES = ['no-field', 'field-gone', 'not-inserted', 'unconfirmed', 'no-console'] as const;

export const insertResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.enum(INSERT_FAILURES) }),
]);
export type InsertResult = z.infer<typeof insertResultSchema>;

export const syncResultSchema = z.object({
  registered: z.array(z.string()),
  /** Sites the agent listed whose host permission is missing (they need "Grant access"). */
  missingPermission: z.array(z.string()),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

/** What one pack sync or subscription did (`PackSyncResult` in utils/kb/pack-sync.ts). */
export const packSyncResultSchema = z.object({
  id: z.string().nullable(),
  url: z.string().nullable(),
  outcome: z.enum(['updated', 'unchanged', 'failed', 'skipped']),
  error: z.object({ code: z.enum(PACK_ERROR_CODES), message: z.string() }).nullable(),
});
export type PackSyncResultMessage = z.infer<typeof packSyncResultSchema>;

/** What a rule test found on one console page. */
export const ruleTestPageSchema = z.object({
  url: z.string(),
  /** Per rule, in order: how many elements matched its selector, and whether its text pattern matched. */
  rules: z.array(
    z.object({
      matches: z.number().int().nonnegative(),
      textMatched: z.boolean(),
      /** Text of the first matching element (trimmed, at most 120 characters). */
      sample: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
  /** The state the rules give right now (the first rule that matches), or null. */
  state: z.enum(AGENT_STATES).nullable(),
  code: z.string().nullable(),
  /** Text of the context element, when a context selector was given and matched. */
  context: z.string().nullable(),
});
export type RuleTestPage = z.infer<typeof ruleTestPageSchema>;

/** What a typed trigger expands to (defined in utils/console/console-messages.ts). */
export const expandResultSchema = fromValibot(expandResultV);
export type ExpandResult = z.infer<typeof expandResultSchema>;

/** Values read from the console page for placeholder keys, and what could not be read (by key). */
export const pageValuesResultSchema = z.object({
  values: z.record(placeholderKeySchema, z.string().max(MAX_PAGE_VALUE_LENGTH)),
  problems: z.array(z.object({ key: placeholderKeySchema, problem: z.enum(PAGE_VALUE_PROBLEMS) })).max(MAX_PAGE_VALUES),
});
export type PageValuesResult = z.infer<typeof pageValuesResultSchema>;

/** What each message answers with. */
export const responseSchemas = {
  'overlay/register': fromValibot(consoleReplySchemas['overlay/register']),
  'overlay/hello': z.object({ ok: z.boolean() }),
  'overlay/close': z.object({ ok: z.boolean() }),
  'overlay/insert': insertResultSchema,
  'console/close-overlay': z.object({ ok: z.boolean() }),
  'console/insert': insertResultSchema,
  /** `opened: false` when the tab is not a console site (the popup then says so). */
  'console/open-palette': z.object({ opened: z.boolean() }),
  'frame/field': fromValibot(consoleReplySchemas['frame/field']),
  /** `opened: false` when the tab is not a console, or the press closed the palette. */
  'frame/hotkey': fromValibot(consoleReplySchemas['frame/hotkey']),
  'palette/open': z.object({ opened: z.boolean() }),
  'palette/prefill': z.object({ ok: z.boolean() }),
  'sites/sync': syncResultSchema,
  /** `recorded: false` when the agent was already in that state (nothing written). */
  'ledger/set': fromValibot(consoleReplySchemas['ledger/set']),
  'rules/test': z.object({ pages: z.array(z.lazy(() => ruleTestPageSchema)) }),
  'console/test-rules': z.lazy(() => ruleTestPageSchema),
  'rules/disabled': fromValibot(consoleReplySchemas['rules/disabled']),
  'packs/sync': z.object({ results: z.array(packSyncResultSchema) }),
  'packs/subscribe': packSyncResultSchema,
  'toast/register': fromValibot(consoleReplySchemas['toast/register']),
  'toast/hello': z.object({ ok: z.boolean() }),
  'toast/layout': z.object({ ok: z.boolean() }),
  'console/toast': z.object({ ok: z.boolean() }),
  /** `ok: false` when there was nothing to answer, or a snooze when none is left this hour. */
  'wellbeing/respond': z.object({ ok: z.boolean() }),
  /** Until when reminders are paused (null: they are on). */
  'wellbeing/pause': z.object({ until: z.number().nullable() }),
  'wellbeing/mood': z.object({ ok: z.boolean() }),
  'wellbeing/breathing': z.object({ ok: z.boolean() }),
  'wellbeing/tough': z.object({ outcome: z.enum(['marked', 'already', 'no-call']) }),
  'offscreen/chime': z.object({ ok: z.boolean() }),
  'expand/lookup': fromValibot(consoleReplySchemas['expand/lookup']),
  'palette/open-form': z.object({ ok: z.boolean() }),
  'page/values': z.lazy(() => pageValuesResultSchema),
  'console/read-values': z.lazy(() => pageValuesResultSchema),
} satisfies Record<MessageType, z.ZodType>;

export type ResponseOf<T extends MessageType> = z.infer<(typeof responseSchemas)[T]>;

/** Parses an incoming message; returns null for anything that is not a valid Seatmate message. */
export function parseMessage(raw: unknown): Message | null {
  const result = messageSchema.safeParse(raw);
  return result.success ? result.data : null;
}

/** Parses a reply to `type`; throws with the field named when it does not fit. */
export function parseResponse<T extends MessageType>(type: T, raw: unknown): ResponseOf<T> {
  return responseSchemas[type].parse(raw) as ResponseOf<T>;
}

/** A random, URL-safe nonce (defined in utils/console/nonce.ts, which the content script imports directly). */
export { makeNonce } from './console/nonce';
