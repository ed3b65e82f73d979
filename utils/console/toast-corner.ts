/**
 * Where the wellbeing toast sits on the console page: in a corner that keeps clear of the agent's
 * field and what usually sits just around it (its counter, its Send button), so a reminder shown
 * after a call never covers the reply being written. Pure.
 */

/** A rectangle in viewport pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A corner of the viewport: bottom-right, bottom-left, top-right, top-left. */
export type Corner = 'br' | 'bl' | 'tr' | 'tl';

/** How far around the field is kept clear (its buttons and counter live there). */
export const FIELD_MARGIN = 72;
/** The toast's distance from the viewport's edges. */
export const EDGE = 16;

/** The toast's box when it sits in `corner`. */
export function cornerBox(
  corner: Corner,
  viewport: { width: number; height: number },
  size: { width: number; height: number },
): Box {
  const left = corner.endsWith('r') ? viewport.width - EDGE - size.width : EDGE;
  const top = corner.startsWith('b') ? viewport.height - EDGE - size.height : EDGE;
  return { left, top, width: size.width, height: size.height };
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

/**
 * The first corner — bottom-right, then bottom-left, top-left, top-right (where consoles often keep
 * the agent's status buttons) — whose toast box keeps
 * clear of `field` (grown by {@link FIELD_MARGIN}); with no field, or when every corner touches
 * it, the one that overlaps it least (bottom-right first on ties).
 */
export function toastCorner(
  viewport: { width: number; height: number },
  size: { width: number; height: number },
  field: Box | null,
): Corner {
  const order: Corner[] = ['br', 'bl', 'tl', 'tr'];
  if (!field || field.width <= 0 || field.height <= 0) return 'br';
  const clear: Box = {
    left: field.left - FIELD_MARGIN,
    top: field.top - FIELD_MARGIN,
    width: field.width + 2 * FIELD_MARGIN,
    height: field.height + 2 * FIELD_MARGIN,
  };
  const free = order.find((c) => !overlaps(cornerBox(c, viewport, size), clear));
  if (free) return free;
  const area = (c: Corner) => {
    const b = cornerBox(c, viewport, size);
    const w = Math.max(0, Math.min(b.left + b.width, clear.left + clear.width) - Math.max(b.left, clear.left));
    const h = Math.max(0, Math.min(b.top + b.height, clear.top + clear.height) - Math.max(b.top, clear.top));
    return w * h;
  };
  return order.reduce((best, c) => (area(c) < area(best) ? c : best), 'br');
}
