// @vitest-environment happy-dom
import { createElement, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { useLatest } from '@/components/useLatest';

/** The same idea with a passive effect: what Palette's key handler did before. */
function usePassiveLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * Renders `value` with `hook`, then a new value, and reads the ref at the first moment after the
 * new DOM is in place (a MutationObserver's microtask: before any later task, where a key
 * press the browser runs first would land).
 */
async function seenRightAfterCommit(hook: (v: number) => { readonly current: number }): Promise<number> {
  const container = document.createElement('div');
  document.body.append(container);
  let ref: { readonly current: number } | null = null;
  const C = ({ v }: { v: number }) => {
    ref = hook(v);
    return createElement('span', null, String(v));
  };
  const root = createRoot(container);
  root.render(createElement(C, { v: 1 }));
  await new Promise((r) => setTimeout(r, 50));
  const seen = new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(ref!.current);
    });
    observer.observe(container, { subtree: true, childList: true, characterData: true });
  });
  root.render(createElement(C, { v: 2 })); // an ordinary (non-urgent) update, as from a live query
  const value = await seen;
  root.unmount();
  container.remove();
  return value;
}

describe('useLatest', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('holds the new value as soon as the new render is on screen', async () => {
    expect(await seenRightAfterCommit(useLatest)).toBe(2);
  });

  it('is needed: a ref set in a passive effect still holds the old value then', async () => {
    expect(await seenRightAfterCommit(usePassiveLatest)).toBe(1);
  });
});
