import { isExpansionKey, mayExpandIn, MAX_TRIGGER_LENGTH, triggerBeforeCaret } from '@/utils/console/expansion';
import { insertIntoField, isEditableField, settle, waitOutUndoGroup, type InsertOutcome } from '@/utils/console/insert';
import { editingHost, isElement, isTextField, selectionIn } from '@/utils/console/insert-read';
import type { ExpandResult } from '@/utils/messages';

/**
 * Text expansion in the console page: the agent types a trigger (`;tk`, `/退款`) and Space, Enter
 * or Tab in any field; the trigger is selected and replaced by the article's reply through the
 * same insert as the palette's (utils/console/insert.ts), so the editor's own undo (Ctrl+Z)
 * brings the trigger back. This script holds only the trigger strings; the text comes from the
 * background when a trigger is typed. Nothing happens in password fields, during an IME
 * composition, or inside an element marked `data-seatmate="off"`.
 */

export interface ExpanderHooks {
  /** Asks the background what the trigger expands to (it opens the placeholder form itself). */
  lookup(trigger: string): Promise<ExpandResult>;
  /** The field is about to expand (the field tracker notes it, and its frame tells the background). */
  beforeLookup(field: HTMLElement): void;
  /** What the insert did (for the e2e tests and debugging). */
  inserted(outcome: InsertOutcome, ms: number): void;
  /** When the agent last changed a field (`performance.now()`; for `waitOutUndoGroup`). */
  lastEditAt(): number;
  /**
   * Runs the expansion as the insert under way: the hotkey pressed meanwhile resolves `hurried`
   * (the undo wait ends, the reply goes in) and opens the palette only after it.
   */
  track(task: (hurried: Promise<void>) => Promise<void>): Promise<void>;
}

/** How far up from the field `data-seatmate="off"` is looked for. */
const MARK_DEPTH = 12;

export class Expander {
  private triggers = new Set<string>();
  /** Documents whose IME composition is under way (a composition can outlast its key events). */
  private composing = new WeakSet<Document>();
  private busy = false;
  /** The expansion under way was called off (the agent pressed another key meanwhile). */
  private cancelled = false;

  constructor(private readonly hooks: ExpanderHooks) {}

  /** Replaces the trigger list (from `local:kbTriggers`). */
  setTriggers(list: readonly string[]): void {
    this.triggers = new Set(list);
  }

  /** Watches a document's IME compositions (call for each document the field tracker serves). */
  serve(doc: Document): void {
    doc.addEventListener('compositionstart', () => this.composing.add(doc), true);
    doc.addEventListener('compositionend', () => this.composing.delete(doc), true);
  }

  /**
   * A key press (capture phase, before the page's handlers). When it expands a trigger it is
   * consumed here, synchronously, and the expansion runs after. True when it was taken.
   */
  onKeydown(e: KeyboardEvent): boolean {
    if (!e.isTrusted || this.triggers.size === 0) return false;
    if (this.busy && !['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) {
      // The agent typed on while the reply was on its way: the trigger stays as typed, and the
      // key goes after it (the selection is collapsed before the key's default action).
      this.cancelled = true;
      const field = e.composedPath()[0];
      if (isEditableField(field)) collapseAfter(field);
      return false;
    }
    if (!isExpansionKey(e)) return false;
    const field = e.composedPath()[0];
    if (!isEditableField(field) || this.composing.has(field.ownerDocument)) return false;
    if (!mayExpandIn(marksOf(field))) return false;
    const caret = textBeforeCaret(field);
    if (!caret) return false;
    const trigger = triggerBeforeCaret(caret.before, this.triggers);
    if (!trigger) return false;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (this.busy) return true;
    this.busy = true;
    this.cancelled = false;
    void this.hooks.track((hurried) => this.expand(field, trigger, e.key, hurried)).finally(() => (this.busy = false));
    return true;
  }

  private async expand(field: HTMLElement, trigger: string, key: string, hurried: Promise<void>): Promise<void> {
    const win = field.ownerDocument.defaultView!;
    // The trigger is selected first: the insert (here or from the placeholder form) replaces it.
    if (!selectTrigger(field, trigger)) return;
    this.hooks.beforeLookup(field);
    await settle(win);
    let result: ExpandResult = { kind: 'none' };
    try {
      result = await this.hooks.lookup(trigger);
    } catch {
      // The background could not be reached: leave the trigger as typed.
    }
    if (result.kind === 'form') return; // the palette's form has the keyboard now
    if (result.kind === 'text') await waitOutUndoGroup(field, this.hooks.lastEditAt(), hurried);
    if (this.cancelled) return;
    if (result.kind === 'none' || !field.isConnected || !selectionIsTrigger(field, trigger)) {
      collapseAfter(field);
      // The key that was consumed, given back when it was a space (Enter and Tab are not replayed).
      if (result.kind === 'none' && key === ' ' && field.isConnected) await insertIntoField(field, ' ');
      return;
    }
    const started = performance.now();
    const outcome = await insertIntoField(field, result.text, result.html);
    this.hooks.inserted(outcome, Math.round(performance.now() - started));
  }
}

/** What {@link mayExpandIn} needs from the field and its ancestors. */
function marksOf(field: HTMLElement): Parameters<typeof mayExpandIn>[0] {
  const seatmate: string[] = [];
  let el: Element | null = field;
  for (let i = 0; el && i < MARK_DEPTH; i++, el = el.parentElement) {
    const v = el.getAttribute('data-seatmate');
    if (v !== null) seatmate.push(v);
  }
  return {
    inputType: field.tagName === 'INPUT' ? (field.getAttribute('type') ?? '').toLowerCase() : '',
    autocomplete: field.getAttribute('autocomplete') ?? '',
    seatmate,
  };
}

/** The text just before a collapsed caret (at most a trigger's length and one more), or null. */
function textBeforeCaret(field: HTMLElement): { before: string } | null {
  if (isTextField(field)) {
    const start = field.selectionStart;
    if (start === null || start !== field.selectionEnd) return null;
    return { before: field.value.slice(Math.max(0, start - MAX_TRIGGER_LENGTH - 1), start) };
  }
  const at = caretTextNode(field);
  return at ? { before: at.node.data.slice(Math.max(0, at.offset - MAX_TRIGGER_LENGTH - 1), at.offset) } : null;
}

/** The text node and offset of a collapsed caret inside the editor (the node before it, when the caret sits between nodes). */
function caretTextNode(field: HTMLElement): { node: Text; offset: number } | null {
  const range = selectionIn(editingHost(field));
  if (!range?.collapsed) return null;
  const { startContainer: node, startOffset: offset } = range;
  if (node.nodeType === Node.TEXT_NODE) return { node: node as Text, offset };
  const prev = node.childNodes[offset - 1];
  if (prev?.nodeType === Node.TEXT_NODE) return { node: prev as Text, offset: (prev as Text).data.length };
  return null;
}

/** Selects the trigger just before the caret; false when it is not there. */
function selectTrigger(field: HTMLElement, trigger: string): boolean {
  if (isTextField(field)) {
    const end = field.selectionStart ?? 0;
    if (field.value.slice(end - trigger.length, end) !== trigger) return false;
    field.setSelectionRange(end - trigger.length, end, 'backward');
    return true;
  }
  const at = caretTextNode(field);
  if (!at || at.node.data.slice(at.offset - trigger.length, at.offset) !== trigger) return false;
  const range = field.ownerDocument.createRange();
  range.setStart(at.node, at.offset - trigger.length);
  range.setEnd(at.node, at.offset);
  const sel = field.ownerDocument.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  return true;
}

/** Whether the selection is still exactly the trigger (the agent did not move or type on meanwhile). */
function selectionIsTrigger(field: HTMLElement, trigger: string): boolean {
  if (isTextField(field)) {
    const { selectionStart: s, selectionEnd: e } = field;
    return s !== null && e !== null && field.value.slice(s, e) === trigger;
  }
  const range = selectionIn(editingHost(field));
  return range !== null && range.toString() === trigger;
}

/** Puts the caret at the end of the selection (an expansion that did not happen). */
function collapseAfter(field: HTMLElement): void {
  if (isTextField(field)) {
    const end = field.selectionEnd ?? field.value.length;
    field.setSelectionRange(end, end);
    return;
  }
  const sel = field.ownerDocument.getSelection();
  if (sel && sel.rangeCount > 0 && isElement(editingHost(field))) sel.collapseToEnd();
}
