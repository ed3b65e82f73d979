import { useEffect, useRef } from 'react';

/**
 * Tracks input-method composition in the overlay so keys that belong to the IME (Enter to
 * commit, arrows and digits to choose a candidate, Tab) never select or insert. Besides
 * `isComposing` and keyCode 229, it follows compositionstart/compositionend itself and also
 * ignores a keydown arriving in the same task as compositionend: some Chrome versions deliver
 * the committing Enter after compositionend with `isComposing` false.
 */
export function useImeGuard(): (e: KeyboardEvent) => boolean {
  const composing = useRef(false);
  const justEnded = useRef(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onStart = () => {
      composing.current = true;
    };
    const onEnd = () => {
      composing.current = false;
      justEnded.current = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        justEnded.current = false;
      }, 0);
    };
    window.addEventListener('compositionstart', onStart, true);
    window.addEventListener('compositionend', onEnd, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('compositionstart', onStart, true);
      window.removeEventListener('compositionend', onEnd, true);
    };
  }, []);
  return (e: KeyboardEvent) => composing.current || justEnded.current || e.isComposing || e.keyCode === 229;
}
