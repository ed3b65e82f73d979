import { judgeInsert, type FieldSnapshot, type InsertVerdict } from './insert-check';
import { HTML_METHODS, planInsert, undoGroupWait, type InsertMethod, type InsertPlan } from './insert-plan';
import {
  describeTarget,
  editingHost,
  htmlText,
  isElement,
  isTextField,
  readEditable,
  selectionIn,
} from './insert-read';

/**
 * Putting an article into the field the agent was typing in, on the console page, the way that
 * field's own editor takes it (utils/console/insert-plan.ts chooses how). Methods are tried one
 * at a time; the next one runs only when the previous one provably did nothing (its event was not
 * taken, nothing in the field changed after the editor settled). Success is read back from the
 * field once the editor has settled (a microtask and an animation frame later, bounded), never
 * assumed: an insert that cannot be confirmed is reported as such, and nothing is ever removed.
 *
 * DOM code: it touches only the element passed in, its document and that document's window.
 */

export { isTextField } from './insert-read';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', '']);

/** At most this long to wait for one method's effect to show. */
const SETTLE_MS = 100;
/** At most this long, in all, to read back a result that is still changing. */
const VERIFY_MS = 500;

export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Whether `el` is a field the agent can type text into (not a password, not read-only). */
export function isEditableField(el: unknown): el is HTMLElement {
  if (!isElement(el)) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') {
    const t = el as unknown as HTMLTextAreaElement;
    return !t.disabled && !t.readOnly;
  }
  if (tag === 'INPUT') {
    const i = el as unknown as HTMLInputElement;
    return TEXT_INPUT_TYPES.has((i.getAttribute('type') ?? '').toLowerCase()) && !i.disabled && !i.readOnly;
  }
  return el.isContentEditable === true;
}

/** Where the caret was, so it can be put back after the palette had focus. */
export type SavedCaret = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range } | null;

/** Remembers the caret/selection inside `el` (call when the palette opens). */
export function saveCaret(el: HTMLElement): SavedCaret {
  if (isTextField(el)) {
    return { kind: 'field', start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  }
  const range = selectionIn(editingHost(el));
  return range ? { kind: 'range', range: range.cloneRange() } : null;
}

/**
 * Focuses `el` again and puts the caret back where it was. With no saved caret, a text field
 * keeps its own selection (fields keep it while blurred) and an editor without a selection gets
 * the caret at its end.
 */
export function restoreCaret(el: HTMLElement, caret: SavedCaret): void {
  el.focus({ preventScroll: true });
  if (isTextField(el)) {
    if (caret?.kind !== 'field') return;
    const end = el.value.length;
    const start = Math.min(caret.start, end);
    const stop = Math.min(caret.end, end);
    try {
      el.setSelectionRange(start, stop);
    } catch {
      // Some input types (email) do not support selection ranges; the caret stays where it is.
    }
    return;
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel) return;
  const host = editingHost(el);
  if (caret?.kind === 'range' && host.contains(caret.range.startContainer) && host.contains(caret.range.endContainer)) {
    sel.removeAllRanges();
    sel.addRange(caret.range);
  } else if (!selectionIn(host)) {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(host);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }
}

/** Elements never inserted into a page, whatever the overlay sent. */
const DROPPED_TAGS =
  'script,style,iframe,frame,frameset,object,embed,link,meta,base,form,input,button,textarea,select,template,svg,math';
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster']);

/**
 * Cleans HTML once more before it enters the page (defence in depth: the overlay built it from
 * escaped text). Parses it inert in a `<template>` of `doc`, drops scripts, frames, forms, styles
 * and embedded objects, every `on*` attribute and `style`, and any URL that is not http(s),
 * mailto or tel. Returns the cleaned markup.
 */
export function cleanInsertHtml(doc: Document, html: string): string {
  const template = doc.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  for (const el of Array.from(root.querySelectorAll(DROPPED_TAGS))) el.remove();
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      const value = el.getAttribute(name) ?? '';
      const badUrl = URL_ATTRS.has(lower) && !/^\s*(https?:|mailto:|tel:|#|\/(?!\/))/i.test(value);
      if (lower.startsWith('on') || lower === 'style' || badUrl) el.removeAttribute(name);
    }
  }
  return template.innerHTML;
}

/** What an insert did: the verdict read back, the method that applied (null: none took it), the plan. */
export interface InsertOutcome {
  verdict: InsertVerdict;
  method: InsertMethod | null;
  plan: InsertPlan | null;
}

/**
 * Waits, before an insert into `field`, for the rest of its editor's undo-merge window after the
 * agent's last edit (`lastEditAt`, `performance.now()`): see {@link undoGroupWait}. `hurry`
 * resolving ends the wait at once (the agent asked for something else meanwhile). Resolves with
 * the milliseconds waited (0 for most fields, at most 1,080).
 */
export async function waitOutUndoGroup(field: HTMLElement, lastEditAt: number, hurry?: Promise<void>): Promise<number> {
  const editor = planInsert(describeTarget(field), { hasHtml: false })?.editor ?? null;
  const waitMs = undoGroupWait(editor, performance.now() - lastEditAt);
  if (waitMs <= 0) return 0;
  const start = performance.now();
  const timer = new Promise((r) => field.ownerDocument.defaultView!.setTimeout(r, waitMs));
  await Promise.race(hurry ? [timer, hurry] : [timer]);
  return Math.round(performance.now() - start);
}

/** Waits until the editor has had a chance to react: a microtask, an animation frame, a task (bounded). */
export function settle(win: Window, maxMs = SETTLE_MS): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    // Animation frames do not run in background tabs: the timer bounds the wait.
    const timer = win.setTimeout(finish, maxMs);
    queueMicrotask(() =>
      win.requestAnimationFrame(() =>
        win.setTimeout(() => {
          win.clearTimeout(timer);
          finish();
        }, 0),
      ),
    );
  });
}

interface Payload {
  text: string;
  html: string | undefined;
}

/** Runs one method; true when it was taken (an event the page prevented, a command that ran). */
function apply(method: InsertMethod, el: HTMLElement, { text, html }: Payload): boolean {
  const doc = el.ownerDocument;
  const win = doc.defaultView!;
  const target = selectionTarget(el);
  const transfer = () => {
    const dt = new win.DataTransfer();
    if (html) dt.setData('text/html', html);
    dt.setData('text/plain', text);
    return dt;
  };
  const init = { bubbles: true, cancelable: true, composed: true };
  switch (method) {
    case 'exec-insert-text':
    case 'exec-insert-html':
      try {
        // Deprecated, but still the one way to edit that the page's undo and frameworks both see.
        return doc.execCommand(
          method === 'exec-insert-text' ? 'insertText' : 'insertHTML',
          false,
          html && method === 'exec-insert-html' ? html : text,
        );
      } catch {
        return false;
      }
    case 'value-setter': {
      const field = el as TextField;
      const start = field.selectionStart ?? field.value.length;
      const end = field.selectionEnd ?? field.value.length;
      const next = field.value.slice(0, start) + text + field.value.slice(end);
      // The prototype's setter: frameworks that track `value` on the instance then notice.
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
      if (setter) setter.call(field, next);
      else field.value = next;
      field.setSelectionRange(start + text.length, start + text.length);
      field.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      return true;
    }
    case 'paste': {
      const event = new win.ClipboardEvent('paste', { ...init, clipboardData: transfer() });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    }
    case 'beforeinput-paste':
    case 'beforeinput-text': {
      const range = selectionIn(editingHost(el));
      const targetRanges = range ? [new win.StaticRange(range)] : [];
      const event =
        method === 'beforeinput-paste'
          ? new win.InputEvent('beforeinput', {
              ...init,
              inputType: 'insertFromPaste',
              dataTransfer: transfer(),
              targetRanges,
            })
          : new win.InputEvent('beforeinput', { ...init, inputType: 'insertText', data: text, targetRanges });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    }
    case 'range-insert': {
      const range = selectionIn(editingHost(el));
      if (!range) return false;
      range.deleteContents();
      const node = doc.createTextNode(text);
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      const sel = doc.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      el.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
      return true;
    }
  }
}

/** The element holding the selection start inside the editor (where the browser fires edit events). */
function selectionTarget(el: HTMLElement): HTMLElement {
  if (isTextField(el)) return el;
  const range = selectionIn(editingHost(el));
  const node = range?.startContainer;
  const at = node && (node.nodeType === 1 ? node : node.parentElement);
  return isElement(at) ? at : el;
}

/**
 * Inserts `text` (or, for rich-text editors, `html`, cleaned by {@link cleanInsertHtml}) at the
 * caret of `el`, replacing any selection. The caret must already be in place (see
 * {@link restoreCaret}). Resolves with the verdict read back from the field.
 */
export async function insertIntoField(el: HTMLElement, text: string, rawHtml?: string): Promise<InsertOutcome> {
  const doc = el.ownerDocument;
  const win = doc.defaultView!;
  const html = rawHtml ? cleanInsertHtml(doc, rawHtml) : undefined;
  const plan = planInsert(describeTarget(el), { hasHtml: Boolean(html) });
  if (!plan) return { verdict: 'unchanged', method: null, plan: null };
  const native = isTextField(el);
  const root = native ? el : editingHost(el);
  const read = (): FieldSnapshot | null => {
    if (!native) return readEditable(root, selectionIn(root));
    const field = el as TextField;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? field.value.length;
    return {
      before: field.value.slice(0, start),
      selected: field.value.slice(start, end),
      after: field.value.slice(end),
    };
  };
  const whole = (): string | null => {
    if (native) return (el as TextField).value;
    const r = readEditable(root, null);
    return r ? r.before : null;
  };
  const snapshot = read();
  const initial = whole();
  let changes = 0;
  const observer = native ? null : new win.MutationObserver((records) => (changes += records.length));
  observer?.observe(root, { childList: true, subtree: true, characterData: true });
  let applied: InsertMethod | null = null;
  try {
    for (const method of plan.methods) {
      const taken = apply(method, el, { text, html });
      await settle(win);
      if (taken || changes > 0 || whole() !== initial) {
        applied = method;
        break;
      }
    }
  } finally {
    observer?.disconnect();
  }
  if (!applied) return { verdict: 'unchanged', method: null, plan };
  if (!snapshot) return { verdict: 'different', method: applied, plan };
  const expected = HTML_METHODS.has(applied) && html ? [htmlText(doc, html), text] : [text];
  // Read back until the field shows the insert or the editor has had its time.
  const started = win.performance.now();
  for (;;) {
    const now = whole();
    const verdict = now === null ? 'different' : judgeInsert(snapshot, now, expected, { exact: native });
    if (verdict === 'inserted' || win.performance.now() - started >= VERIFY_MS) {
      return { verdict, method: applied, plan };
    }
    await settle(win);
  }
}
