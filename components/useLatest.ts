import { useLayoutEffect, useRef } from 'react';

/**
 * A ref that always holds the value of the latest committed render, for listeners registered
 * once outside React (a window `keydown` listener, a runtime message listener).
 *
 * It is updated in a layout effect, during the commit itself. A passive effect (`useEffect`) runs
 * later, in a task of its own, and Chromium runs input before ordinary tasks: on a busy machine a
 * key pressed the moment new results were painted reached a handler from the render before, one
 * that still had no results, and Enter or Tab did nothing (seen in CI, under load).
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
