import { describe, expect, it } from 'vitest';
import { cornerBox, toastCorner } from '@/utils/console/toast-corner';

const viewport = { width: 1280, height: 800 };
const size = { width: 380, height: 260 };

describe('where the wellbeing toast sits', () => {
  it('bottom right when nothing is in the way', () => {
    expect(toastCorner(viewport, size, null)).toBe('br');
    expect(toastCorner(viewport, size, { left: 20, top: 80, width: 300, height: 200 })).toBe('br');
  });

  it('keeps clear of the reply box and the Send button under it (the demo console)', () => {
    // The demo's reply box: the middle column, at the bottom; its Send button sits below it.
    const reply = { left: 395, top: 640, width: 510, height: 96 };
    const corner = toastCorner(viewport, size, reply);
    expect(corner).toBe('tl');
    const box = cornerBox(corner, viewport, size);
    expect(box.top + box.height).toBeLessThan(reply.top - 72);
  });

  it('goes to the other side for a field on the right, and the least-covering corner when all touch', () => {
    expect(toastCorner(viewport, size, { left: 900, top: 500, width: 360, height: 280 })).toBe('bl');
    // A field filling the screen: every corner touches it; bottom-right is kept on a tie.
    expect(toastCorner(viewport, size, { left: 0, top: 0, width: 1280, height: 800 })).toBe('br');
  });
});
