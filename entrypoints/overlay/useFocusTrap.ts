import { useMemo, type FocusEvent, type HTMLAttributes } from 'react';

/** What can take focus by Tab; filtered further by `isTabbable`. */
const CANDIDATES =
  'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';

/** The attribute that marks the trap's two edges (they are never a destination). */
const EDGE_ATTR = 'data-focus-trap-edge';

/**
 * Whether Tab can reach `el`: in the tab order, enabled, rendered (not in a `hidden` or
 * `display: none` part, not `visibility: hidden`) and not inert. Written here rather than taken
 * from a library: the palette needs only this check, on a page of some dozens of controls.
 */
export function isTabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.hasAttribute(EDGE_ATTR)) return false;
  if (el.matches(':disabled') || el.closest('[inert]')) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  return el.checkVisibility({ visibilityProperty: true });
}

/** Every element Tab can reach in `root`, in document order (positive tabindex is not used here). */
export function tabbables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CANDIDATES)].filter(isTabbable);
}

/** The props of one edge of the trap: an empty, focusable element that passes focus on. */
type EdgeProps = HTMLAttributes<HTMLSpanElement> & { [EDGE_ATTR]: 'start' | 'end' };

/**
 * A focus trap for a frame that is all one dialog (the palette): Tab past the last control goes
 * to the first, Shift+Tab before the first goes to the last, and focus never reaches the page
 * behind (whose controls come next in the browser's order after the frame's last one).
 *
 * Render `start` before and `end` after the trapped content, as the first and last focusable
 * elements of the document (the whole document is the trap). They hold no content; when one of them receives focus (the browser's
 * own Tab order got there) it moves focus on at once: from inside the content, round to the other
 * end; from outside (the page tabbed into the frame), to the nearest control. Keys the content
 * handles itself (the palette's Tab opens its preview) never reach them, so nothing else changes.
 */
export function useFocusTrap(): { start: EdgeProps; end: EdgeProps } {
  return useMemo(() => {
    const onFocus = (edge: 'start' | 'end') => (e: FocusEvent<HTMLSpanElement>) => {
      const all = tabbables(e.currentTarget.ownerDocument);
      if (all.length === 0) return;
      const from = e.relatedTarget instanceof Node && e.currentTarget.ownerDocument.contains(e.relatedTarget);
      // From inside: round to the other end. From outside: the end it came in at.
      const toFirst = edge === 'end' ? from : !from;
      (toFirst ? all[0] : all[all.length - 1])!.focus();
    };
    const edge = (which: 'start' | 'end'): EdgeProps => ({
      tabIndex: 0,
      className: 'focus-trap-edge',
      // Not aria-hidden: a focusable element must not be hidden from assistive technology (it
      // holds focus for no time at all, and has nothing to announce).
      [EDGE_ATTR]: which,
      onFocus: onFocus(which),
    });
    return { start: edge('start'), end: edge('end') };
  }, []);
}
