/**
 * Which way to put an article into the agent's field: one strategy per kind of target, chosen from
 * a plain description of the focused element. Pure (no DOM): the content script describes the
 * element ({@link TargetInfo}), this picks the methods, and utils/console/insert.ts runs them one
 * at a time, never a second once the first may have applied.
 *
 * Three kinds of target:
 * - `native`: `<textarea>` and text `<input>`s. The browser's own `insertText` command (the agent's
 *   Ctrl+Z undoes it, frameworks see a real `input` event), else the value setter and an `input`
 *   event.
 * - `framework`: rich-text editors that keep their own document model and redraw the DOM from it
 *   (Lexical, Quill, ProseMirror/Tiptap, Slate, CKEditor 5, Draft.js…). Editing their DOM directly
 *   is undone or mangled by the next redraw, so they get what they handle through their model: a
 *   synthetic `paste` carrying `text/html` and `text/plain`, or a `beforeinput` with
 *   `insertFromPaste` / `insertText`. No DOM-level edit is ever tried on them.
 * - `contenteditable`: plain editable HTML whose DOM is the document. A synthetic `paste` first
 *   (a page that handles paste, e.g. a chat widget that cleans it, gets it its own way; one that
 *   does not ignores it, as browsers give untrusted events no default action), then the browser's
 *   `insertHTML` / `insertText` commands (undoable), then a direct DOM insert as the last resort.
 */

/** The editors Seatmate recognises by their markup. */
export type EditorName =
  'lexical' | 'quill' | 'prosemirror' | 'slate' | 'ckeditor5' | 'draftjs' | 'tinymce' | 'codemirror' | 'trix';

export type TargetKind = 'native' | 'contenteditable' | 'framework';

/** One way of inserting. */
export type InsertMethod =
  /** `document.execCommand('insertText')`: undoable, seen by frameworks as typing. */
  | 'exec-insert-text'
  /** The `value` property's own setter, then an `input` event (native fields only). */
  | 'value-setter'
  /** A synthetic `paste` ClipboardEvent with a DataTransfer (text/html when there is HTML, text/plain). */
  | 'paste'
  /** A synthetic `beforeinput` InputEvent, `insertFromPaste`, with the same DataTransfer. */
  | 'beforeinput-paste'
  /** A synthetic `beforeinput` InputEvent, `insertText`, with the plain text. */
  | 'beforeinput-text'
  /** `document.execCommand('insertHTML')` with the cleaned HTML (undoable). */
  | 'exec-insert-html'
  /** A text node put in the selection by hand, then an `input` event (no undo; last resort). */
  | 'range-insert';

/** The methods that hand the editor HTML (it may take the HTML or the plain text). */
export const HTML_METHODS: ReadonlySet<InsertMethod> = new Set(['paste', 'beforeinput-paste', 'exec-insert-html']);

/** What the content script reads from the focused element and its ancestors. */
export interface TargetInfo {
  /** Upper-case tag name of the focused element (`TEXTAREA`, `INPUT`, `DIV`…). */
  tag: string;
  /** `type` attribute of an `<input>`, lower case ('' when absent). */
  inputType?: string;
  /** `isContentEditable` of the focused element. */
  contentEditable: boolean;
  /** True when the editing host is `contenteditable="plaintext-only"`. */
  plaintextOnly?: boolean;
  /** Class names of the element and its nearest ancestors (a few levels). */
  classes: readonly string[];
  /** Attribute names present on the element and its nearest ancestors. */
  attributes: readonly string[];
  /** Lower-case tag names of the element and its nearest ancestors (custom elements such as `trix-editor`). */
  tags?: readonly string[];
}

/** What to do: the kind, the editor when recognised, and the methods in order. */
export interface InsertPlan {
  kind: TargetKind;
  editor: EditorName | null;
  methods: InsertMethod[];
}

/** How each editor shows itself in its markup: an attribute, a class, or a tag. */
const EDITOR_MARKERS: ReadonlyArray<{
  editor: EditorName;
  attribute?: string;
  classes?: readonly string[];
  tag?: string;
}> = [
  { editor: 'lexical', attribute: 'data-lexical-editor' },
  { editor: 'slate', attribute: 'data-slate-editor' },
  { editor: 'quill', classes: ['ql-editor'] },
  { editor: 'prosemirror', classes: ['ProseMirror'] },
  { editor: 'ckeditor5', classes: ['ck-editor__editable', 'ck-content'] },
  { editor: 'draftjs', classes: ['public-DraftEditor-content', 'DraftEditor-root'] },
  { editor: 'codemirror', classes: ['cm-content'] },
  { editor: 'tinymce', classes: ['mce-content-body'] },
  { editor: 'trix', tag: 'trix-editor' },
];

/**
 * The methods each recognised editor is tried with, in order. Each is handled in the editor's own
 * model: Lexical, Quill, ProseMirror, CKEditor 5, Draft.js and CodeMirror take `paste`; Slate (in
 * Chromium) reads pastes from `beforeinput`; Lexical, Quill, Slate and CKEditor 5 also take a
 * `beforeinput` `insertText`. ProseMirror reads the browser's own edits back into its model, so
 * `insertText` is its fallback. TinyMCE and Trix keep the DOM as their document and get the plain
 * contenteditable fallbacks.
 */
const EDITOR_METHODS: Record<EditorName, InsertMethod[]> = {
  lexical: ['paste', 'beforeinput-paste', 'beforeinput-text'],
  quill: ['paste', 'beforeinput-text'],
  prosemirror: ['paste', 'exec-insert-text'],
  slate: ['beforeinput-paste', 'paste', 'beforeinput-text'],
  ckeditor5: ['paste', 'beforeinput-text'],
  draftjs: ['paste'],
  codemirror: ['paste', 'exec-insert-text'],
  tinymce: ['paste', 'exec-insert-html', 'exec-insert-text'],
  trix: ['paste', 'exec-insert-html', 'exec-insert-text'],
};

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', '']);

/** The editor `info` belongs to, or null for plain markup. */
export function recognizeEditor(info: TargetInfo): EditorName | null {
  const classes = new Set(info.classes);
  const attributes = new Set(info.attributes.map((a) => a.toLowerCase()));
  const tags = new Set((info.tags ?? []).map((t) => t.toLowerCase()));
  for (const m of EDITOR_MARKERS) {
    if (m.attribute && attributes.has(m.attribute)) return m.editor;
    if (m.classes?.some((c) => classes.has(c))) return m.editor;
    if (m.tag && tags.has(m.tag)) return m.editor;
  }
  return null;
}

/**
 * Chooses how to insert into the target `info` describes. `hasHtml` says whether the article
 * comes with HTML (text-only methods are used otherwise, and for plain-text targets). Returns null
 * for a target that takes no text (a password, a checkbox, a plain `<div>`).
 */
export function planInsert(info: TargetInfo, { hasHtml }: { hasHtml: boolean }): InsertPlan | null {
  if (info.tag === 'TEXTAREA') return { kind: 'native', editor: null, methods: ['exec-insert-text', 'value-setter'] };
  if (info.tag === 'INPUT') {
    if (!TEXT_INPUT_TYPES.has((info.inputType ?? '').toLowerCase())) return null;
    return { kind: 'native', editor: null, methods: ['exec-insert-text', 'value-setter'] };
  }
  if (!info.contentEditable) return null;
  const editor = recognizeEditor(info);
  const richText = hasHtml && !info.plaintextOnly && editor !== 'codemirror';
  if (editor) {
    const methods = EDITOR_METHODS[editor].filter((m) => richText || m !== 'exec-insert-html');
    return { kind: editor === 'tinymce' || editor === 'trix' ? 'contenteditable' : 'framework', editor, methods };
  }
  if (info.plaintextOnly)
    return { kind: 'contenteditable', editor: null, methods: ['exec-insert-text', 'range-insert'] };
  const methods: InsertMethod[] = richText
    ? ['paste', 'exec-insert-html', 'exec-insert-text', 'range-insert']
    : ['paste', 'exec-insert-text', 'range-insert'];
  return { kind: 'contenteditable', editor: null, methods };
}

/**
 * How long after a change each editor's history still merges the next change into the same undo
 * step, at its default (Quill's `delay`, ProseMirror's and CodeMirror's `newGroupDelay`, Lexical's
 * history `delay`, which merges only like with like). An insert that came sooner after the agent's
 * own typing would be undone together with it: one Ctrl+Z would take the agent's words out with
 * the article. The others (Slate, CKEditor 5, Draft.js, TinyMCE, Trix, the browser's own undo)
 * start a new step for a paste or a command whatever the time.
 */
const HISTORY_MERGE_MS: Readonly<Partial<Record<EditorName, number>>> = {
  quill: 1_000,
  prosemirror: 500,
  codemirror: 500,
  lexical: 300,
};

/** A margin over the editor's window (its clock and ours are read at slightly different moments). */
const MERGE_MARGIN_MS = 80;

/**
 * Milliseconds to wait, `sinceLastEditMs` after the agent last changed the field, before inserting
 * into `editor` so that the insert is an undo step of its own. Zero for editors without a merge
 * window and once the window has passed; never more than the window and its margin (1,080 ms).
 */
export function undoGroupWait(editor: EditorName | null, sinceLastEditMs: number): number {
  const merge = editor ? (HISTORY_MERGE_MS[editor] ?? 0) : 0;
  if (merge === 0 || !(sinceLastEditMs >= 0)) return 0;
  return Math.max(0, Math.ceil(merge + MERGE_MARGIN_MS - sinceLastEditMs));
}
