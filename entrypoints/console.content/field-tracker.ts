import { isEditableField, saveCaret, type SavedCaret } from '@/utils/console/insert';
import { isElement } from '@/utils/console/insert-read';

/** What the tracker asks of the content script. */
export interface FieldTrackerHooks {
  /** A key press in a document this script serves (capture phase, before the page's own handlers there). */
  onKeydown(e: KeyboardEvent): void;
  /** The agent's field is in this frame again, after focus had been elsewhere (another frame, the palette). */
  onFieldFocus(): void;
  /** Whether this script should serve a same-origin child document (one no Seatmate script of its own runs in). */
  shouldServe(doc: Document): boolean;
}

type Listeners = {
  doc: Document;
  focusin: (e: Event) => void;
  focusout: (e: Event) => void;
  blur: () => void;
  keydown: (e: Event) => void;
  edit: (e: Event) => void;
};

/**
 * The agent's field in this frame: the last text field or editor they focused, and where the
 * caret was when focus left it (the palette opening, another frame). Serves this frame's document
 * and the same-origin child documents that have no script of their own (`about:blank` and
 * `srcdoc` frames a console writes its reply box into, such as TinyMCE's), which Chromium cannot
 * give a content script on a console site without running it on every page of the origin.
 */
export class FieldTracker {
  /** The field the agent typed in last (it may have lost focus since). */
  lastField: HTMLElement | null = null;
  /** The caret in {@link lastField} when focus last left it. */
  caret: SavedCaret = null;
  /**
   * When (`performance.now()`) the agent last changed a field in a document this tracker serves:
   * an insert that follows sooner than an editor's undo-merge window waits it out
   * (`undoGroupWait` in utils/console/insert-plan.ts), so Ctrl+Z takes the insert out alone.
   */
  lastEditAt = Number.NEGATIVE_INFINITY;
  /** Whether this frame has told the background it holds the field since focus last came here. */
  private reported = false;
  private readonly listeners = new WeakMap<Document, Listeners>();

  constructor(private readonly hooks: FieldTrackerHooks) {}

  /** Starts (or, after a page's `document.open()` erased them, restarts) watching `doc`. */
  serve(doc: Document): void {
    const win = doc.defaultView;
    if (!win) return;
    const old = this.listeners.get(doc);
    if (old) {
      doc.removeEventListener('focusin', old.focusin, true);
      doc.removeEventListener('focusout', old.focusout, true);
      win.removeEventListener('blur', old.blur);
      win.removeEventListener('keydown', old.keydown, true);
      for (const type of EDIT_EVENTS) doc.removeEventListener(type, old.edit, true);
    }
    const entry: Listeners = {
      doc,
      focusin: (e) => {
        const target = e.composedPath()[0];
        if (isEditableField(target)) this.focused(target);
        else if (isFrameElement(target)) this.serveChild(target);
      },
      // The field loses focus (to the palette, another frame, anything): remember its caret.
      focusout: (e) => {
        if (this.lastField && e.composedPath()[0] === this.lastField) this.caret = saveCaret(this.lastField);
      },
      blur: () => {
        this.reported = false;
        // Focus may be moving into a child frame: serve it once it has it.
        win.setTimeout(() => {
          const now = deepActiveElement(doc);
          if (isFrameElement(now)) this.serveChild(now);
        }, 0);
      },
      keydown: (e) => this.hooks.onKeydown(e as KeyboardEvent),
      // Typing, IME text, deletes, the agent's own pastes: whatever the editor makes of them, a
      // `beforeinput` (editors cancel it to apply the edit themselves) or an `input` comes first.
      edit: (e) => {
        if (e.isTrusted) this.lastEditAt = performance.now();
      },
    };
    doc.addEventListener('focusin', entry.focusin, true);
    doc.addEventListener('focusout', entry.focusout, true);
    win.addEventListener('blur', entry.blur);
    win.addEventListener('keydown', entry.keydown, true);
    for (const type of EDIT_EVENTS) doc.addEventListener(type, entry.edit, { capture: true, passive: true });
    this.listeners.set(doc, entry);
  }

  /**
   * Takes up focus as it is when this script starts: it runs once the page is idle, or is
   * injected into an open console when the agent adds the site, and the agent may be typing in
   * the reply box — or in a frame this script serves — already. Without this, the hotkey pressed
   * there would do nothing until focus moved away and back.
   */
  adoptFocus(doc: Document): void {
    if (!doc.hasFocus()) return;
    const now = deepActiveElement(doc);
    if (isEditableField(now)) this.focused(now);
    else if (isFrameElement(now)) this.serveChild(now);
  }

  /** Records `el` as the agent's field (it has focus now). */
  focused(el: HTMLElement): void {
    this.lastField = el;
    if (this.reported) return;
    this.reported = true;
    this.hooks.onFieldFocus();
  }

  /** Serves a same-origin child frame's document, if this script should, and notes its focused field. */
  private serveChild(frame: HTMLIFrameElement): void {
    let child: Document | null = null;
    try {
      child = frame.contentDocument;
    } catch {
      return; // cross-origin: its own script (if its origin is a console site) serves it
    }
    if (!child || !this.hooks.shouldServe(child)) return;
    this.serve(child);
    const active = deepActiveElement(child);
    if (isEditableField(active)) this.focused(active);
  }
}

/** The events that say the agent changed a field. */
const EDIT_EVENTS = ['beforeinput', 'input'] as const;

/** True for an `<iframe>` or `<frame>` element of any document. */
export function isFrameElement(node: unknown): node is HTMLIFrameElement {
  return isElement(node) && (node.tagName === 'IFRAME' || node.tagName === 'FRAME');
}

/** The focused element of `doc`, looking inside open shadow roots (web-component consoles). */
export function deepActiveElement(doc: Document): HTMLElement | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return isElement(el) ? el : null;
}
