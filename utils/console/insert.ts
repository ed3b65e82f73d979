/**
 * Putting text into the field the agent was typing in, on the console page. Works with plain
 * fields, React/Vue-controlled fields (they see a real `input` event) and rich-text editors
 * (contenteditable). Uses the browser's own editing command first, so the agent's Ctrl+Z undoes it.
 *
 * Pure DOM code: it touches only the element and document passed in.
 */

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', '']);

export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Whether `el` is a field the agent can type text into (not a password, not read-only). */
export function isEditableField(el: Element | null | undefined): el is HTMLElement {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') {
    const t = el as HTMLTextAreaElement;
    return !t.disabled && !t.readOnly;
  }
  if (tag === 'INPUT') {
    const i = el as HTMLInputElement;
    return TEXT_INPUT_TYPES.has((i.getAttribute('type') ?? '').toLowerCase()) && !i.disabled && !i.readOnly;
  }
  return (el as HTMLElement).isContentEditable === true;
}

function isTextField(el: HTMLElement): el is TextField {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

/** Where the caret was, so it can be put back after the palette had focus. */
export type SavedCaret = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range } | null;

/** Remembers the caret/selection inside `el` (call when the palette opens). */
export function saveCaret(el: HTMLElement): SavedCaret {
  if (isTextField(el)) {
    return { kind: 'field', start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  }
  const sel = el.ownerDocument.getSelection();
  if (sel && sel.rangeCount > 0) {
    const range = sel.getRangeAt(0);
    if (el.contains(range.commonAncestorContainer)) return { kind: 'range', range: range.cloneRange() };
  }
  return null;
}

/** Focuses `el` again and puts the caret back where it was (or at the end). */
export function restoreCaret(el: HTMLElement, caret: SavedCaret): void {
  el.focus({ preventScroll: true });
  if (isTextField(el)) {
    const end = el.value.length;
    const start = caret?.kind === 'field' ? Math.min(caret.start, end) : end;
    const stop = caret?.kind === 'field' ? Math.min(caret.end, end) : end;
    try {
      el.setSelectionRange(start, stop);
    } catch {
      // Some input types (email) do not support selection ranges; the caret stays where it is.
    }
    return;
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel) return;
  sel.removeAllRanges();
  if (caret?.kind === 'range' && el.contains(caret.range.commonAncestorContainer)) {
    sel.addRange(caret.range);
  } else {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    sel.addRange(range);
  }
}

/**
 * Inserts `text` at the caret of the focused field `el`, replacing any selection. Returns true
 * when the field's content changed.
 */
export function insertTextAtCaret(el: HTMLElement, text: string): boolean {
  const doc = el.ownerDocument;
  const before = isTextField(el) ? el.value : el.innerText;
  // execCommand is deprecated but remains the one way to edit that frameworks and undo both see.
  let done = false;
  try {
    done = doc.execCommand('insertText', false, text);
  } catch {
    done = false;
  }
  const after = isTextField(el) ? el.value : el.innerText;
  if (done && after !== before) return true;
  return fallbackInsert(el, text);
}

function fallbackInsert(el: HTMLElement, text: string): boolean {
  const win = el.ownerDocument.defaultView;
  if (isTextField(el)) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    const next = el.value.slice(0, start) + text + el.value.slice(end);
    // Call the prototype's setter: frameworks that track `value` on the instance then notice.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
    if (setter) setter.call(el, next);
    else el.value = next;
    el.setSelectionRange(start + text.length, start + text.length);
    el.dispatchEvent(
      new (win?.InputEvent ?? InputEvent)('input', { bubbles: true, inputType: 'insertText', data: text }),
    );
    return true;
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return false;
  const range = sel.getRangeAt(0);
  range.deleteContents();
  const node = el.ownerDocument.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  sel.removeAllRanges();
  sel.addRange(range);
  el.dispatchEvent(
    new (win?.InputEvent ?? InputEvent)('input', { bubbles: true, inputType: 'insertText', data: text }),
  );
  return true;
}

/** Elements never inserted into a page, whatever the overlay sent. */
const DROPPED_TAGS =
  'script,style,iframe,frame,frameset,object,embed,link,meta,base,form,input,button,textarea,select,template,svg,math';
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster']);

/**
 * Cleans HTML once more before it enters the page (defence in depth: the overlay already
 * sanitised it with DOMPurify). Parses it inert in a `<template>` of `doc`, drops scripts, frames,
 * forms, styles and embedded objects, every `on*` attribute and `style`, and any URL that is not
 * http(s), mailto or tel. Returns the cleaned markup.
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

/**
 * Inserts an article into the agent's field: a rich-text editor (contenteditable) gets `html`,
 * cleaned by {@link cleanInsertHtml}, through the editor's own `insertHTML` command (so its undo
 * works); any other field, or an editor that refuses HTML, gets `text`.
 */
export function insertAtCaret(el: HTMLElement, text: string, html?: string): boolean {
  if (html && !isTextField(el) && el.isContentEditable) {
    const doc = el.ownerDocument;
    const before = el.innerHTML;
    let done = false;
    try {
      done = doc.execCommand('insertHTML', false, cleanInsertHtml(doc, html));
    } catch {
      done = false;
    }
    if (done && el.innerHTML !== before) return true;
  }
  return insertTextAtCaret(el, text);
}
