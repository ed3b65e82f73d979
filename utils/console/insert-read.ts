import type { FieldSnapshot } from './insert-check';
import type { TargetInfo } from './insert-plan';

/**
 * Reading the agent's field, for the insert: what kind of target it is, and its text around the
 * caret. DOM code that touches only the nodes passed in; it never assumes the element belongs to
 * this script's own document (a console's same-origin frames are served from their parent), so it
 * checks node types instead of `instanceof`.
 */

/** Ancestors looked at for an editor's markers (its root is the focused element or close above). */
const DESCRIBE_DEPTH = 6;
/** Reading stops (the text is then unknown) past this many nodes or characters. */
const MAX_NODES = 20_000;
const MAX_CHARS = 500_000;

/** True for an element node of any document. */
export function isElement(node: unknown): node is HTMLElement {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

/** True for a `<textarea>` or `<input>`. */
export function isTextField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

/** The outermost editable ancestor of `el` (the editor's root), or `el` itself. */
export function editingHost(el: HTMLElement): HTMLElement {
  let host = el;
  while (isElement(host.parentElement) && host.parentElement.isContentEditable) host = host.parentElement;
  return host;
}

/** A plain description of the focused element and its nearest ancestors, for `planInsert`. */
export function describeTarget(el: HTMLElement): TargetInfo {
  const classes: string[] = [];
  const attributes: string[] = [];
  const tags: string[] = [];
  let node: Element | null = el;
  for (let depth = 0; node && depth < DESCRIBE_DEPTH; depth++, node = node.parentElement) {
    classes.push(...Array.from(node.classList));
    attributes.push(...node.getAttributeNames());
    tags.push(node.tagName.toLowerCase());
  }
  const host = el.isContentEditable ? editingHost(el) : el;
  return {
    tag: el.tagName,
    inputType: el.tagName === 'INPUT' ? (el.getAttribute('type') ?? '').toLowerCase() : undefined,
    contentEditable: el.isContentEditable,
    plaintextOnly: host.getAttribute('contenteditable') === 'plaintext-only',
    classes,
    attributes,
    tags,
  };
}

/** UI an editor draws inside its root that is not the document (placeholders, widgets' chrome). */
function isEditorChrome(el: Element): boolean {
  const tag = el.tagName;
  return (
    el.getAttribute('contenteditable') === 'false' ||
    el.hasAttribute('data-slate-placeholder') ||
    tag === 'SCRIPT' ||
    tag === 'STYLE' ||
    tag === 'TEMPLATE'
  );
}

/**
 * The text of an editable root split at the selection `range` (before it, inside it, after it),
 * skipping what the editor draws that is not the document. Null when the root is too large to
 * read within bounds. With no range inside the root, everything counts as before the caret.
 */
export function readEditable(root: HTMLElement, range: Range | null): FieldSnapshot | null {
  const doc = root.ownerDocument;
  const inside = range && root.contains(range.startContainer) && root.contains(range.endContainer) ? range : null;
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) =>
      node.nodeType === 3 ? 1 /* ACCEPT */ : node !== root && isEditorChrome(node as Element) ? 2 /* REJECT */ : 3,
  });
  const out: FieldSnapshot = { before: '', selected: '', after: '' };
  let nodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++nodes > MAX_NODES) return null;
    const data = (node as Text).data;
    chars += data.length;
    if (chars > MAX_CHARS) return null;
    if (!inside) {
      out.before += data;
      continue;
    }
    const { startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo } = inside;
    if (node === sc && node === ec) {
      out.before += data.slice(0, so);
      out.selected += data.slice(so, eo);
      out.after += data.slice(eo);
    } else if (node === sc) {
      out.before += data.slice(0, so);
      out.selected += data.slice(so);
    } else if (node === ec) {
      out.selected += data.slice(0, eo);
      out.after += data.slice(eo);
    } else {
      const where = inside.comparePoint(node, 0);
      if (where < 0) out.before += data;
      else if (where > 0) out.after += data;
      else out.selected += data;
    }
  }
  return out;
}

/** The selection's range when it lies inside `root`, else null. */
export function selectionIn(root: HTMLElement): Range | null {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  return root.contains(range.startContainer) && root.contains(range.endContainer) ? range : null;
}

/** Text of an HTML fragment as an editor shows it (parsed inert in a `<template>` of `doc`). */
export function htmlText(doc: Document, html: string): string {
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}
