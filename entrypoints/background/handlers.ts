import type { Browser } from 'wxt/browser';
import { parseMessage, type MessageOf, type MessageType, type ResponseOf } from '@/utils/messages';
import { syncConsoleRegistration } from './console-registration';
import { setState } from './ledger';
import {
  handleFrameField,
  handleFrameHotkey,
  handleOverlayClose,
  handleOverlayHello,
  handleOverlayInsert,
  handleOverlayRegister,
} from './overlay-relay';
import { syncPacks, subscribeToPack } from './pack-sync';
import { handleExpandLookup } from './expansion';
import { handlePageValues } from './page-values';
import { handlePaletteOpen } from './palette-open';
import { handleRuleDisabled } from './rule-problems';
import { testRulesOnTabs } from './rules-test';
import { senderKinds, type SenderKind } from './senders';
import { handleToastHello, handleToastLayout, handleToastRegister } from './toast-relay';
import { handleBreathing, handleMood, handlePause, handleRespond, handleTough } from './wellbeing';

type Sender = Browser.runtime.MessageSender;

/** How the background answers one message type, and who may send it. */
interface Handler<T extends MessageType> {
  /** The senders allowed (for some messages it depends on the message); anyone else gets no answer. */
  from: readonly SenderKind[] | ((msg: MessageOf<T>) => readonly SenderKind[]);
  handle: (msg: MessageOf<T>, sender: Sender) => Promise<ResponseOf<T>>;
}

/**
 * Every message type and what the background does with it. The security rules are the `from`
 * lists: one place shows which context may ask for what. `null`: the message is for a content
 * script or the overlay, never for the background. Typed per message, so a handler answering the
 * wrong shape does not compile.
 */
export const HANDLERS = {
  'overlay/register': { from: ['content-top'], handle: handleOverlayRegister },
  'overlay/hello': { from: ['overlay'], handle: handleOverlayHello },
  'overlay/close': { from: ['overlay'], handle: handleOverlayClose },
  'overlay/insert': { from: ['overlay'], handle: handleOverlayInsert },
  // Any frame of a console tab (the handlers also check the tab's page is a console site).
  'frame/field': { from: ['content'], handle: (_msg, sender) => handleFrameField(sender) },
  'frame/hotkey': { from: ['content'], handle: handleFrameHotkey },
  'palette/open': { from: ['page'], handle: () => handlePaletteOpen() },
  // A trigger typed in any frame of a console tab (the handler checks the tab is a console site).
  'expand/lookup': { from: ['content'], handle: handleExpandLookup },
  // The placeholder form asks for values read from its tab's page (the handler checks the nonce).
  'page/values': { from: ['overlay'], handle: handlePageValues },
  // Page rules (`page`) come only from the console content script; the agent's own choices only
  // from Seatmate's pages (the popup, the palette's state menu). The background stamps the time.
  'ledger/set': {
    from: (msg) => (msg.source === 'page' ? ['content'] : ['page', 'overlay']),
    handle: (msg) =>
      setState(msg.code !== undefined ? { state: msg.state, code: msg.code } : { state: msg.state }, msg.source),
  },
  'sites/sync': { from: ['page'], handle: () => syncConsoleRegistration() },
  'packs/sync': { from: ['page'], handle: (msg) => syncPacks(msg.id) },
  'packs/subscribe': { from: ['page'], handle: (msg) => subscribeToPack(msg.url) },
  'rules/test': { from: ['page'], handle: (msg) => testRulesOnTabs(msg) },
  // A page rule that ran out of its budget, from the console content script in any frame (page
  // rules run in every frame); recorded for every console page and shown in Options.
  'rules/disabled': { from: ['content'], handle: (msg) => handleRuleDisabled(msg) },
  // Wellbeing: the toast frame (proven by its nonce) and Seatmate's pages answer; the palette's
  // state menu marks a tough call.
  'toast/register': { from: ['content-top'], handle: handleToastRegister },
  'toast/hello': { from: ['toast'], handle: handleToastHello },
  'toast/layout': { from: ['toast'], handle: handleToastLayout },
  'wellbeing/respond': { from: ['toast', 'page'], handle: handleRespond },
  'wellbeing/pause': { from: ['toast', 'page'], handle: handlePause },
  'wellbeing/mood': { from: ['toast', 'page'], handle: handleMood },
  'wellbeing/breathing': { from: ['toast', 'page'], handle: handleBreathing },
  'wellbeing/tough': { from: ['overlay', 'page'], handle: () => handleTough() },
  'console/toast': null,
  'offscreen/chime': null,
  'console/close-overlay': null,
  'console/insert': null,
  'console/open-palette': null,
  'console/test-rules': null,
  'palette/prefill': null,
  'palette/open-form': null,
  'console/read-values': null,
} satisfies { [T in MessageType]: Handler<T> | null };

/** Whether `sender` may send `msg` (its handler's rule). */
export function mayHandle<T extends MessageType>(msg: MessageOf<T>, sender: Sender): boolean {
  const handler = HANDLERS[msg.type] as Handler<T> | null;
  if (!handler) return false;
  const allowed = typeof handler.from === 'function' ? handler.from(msg) : handler.from;
  return senderKinds(sender).some((k) => allowed.includes(k));
}

/**
 * The background's `runtime.onMessage` listener: parses the message (zod), checks the sender rule
 * and runs the handler. Returns undefined (no answer) for anything else.
 */
export function dispatch(raw: unknown, sender: Sender): Promise<unknown> | undefined {
  const msg = parseMessage(raw);
  if (!msg || !mayHandle(msg, sender)) return undefined;
  const handler = HANDLERS[msg.type] as Handler<typeof msg.type>;
  return handler.handle(msg as never, sender);
}
