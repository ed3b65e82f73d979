import { browser } from 'wxt/browser';
import { parseMessage } from '@/utils/messages';
import { playChime } from './chime';

// The offscreen document (Chrome): plays the wellbeing sound when the background asks. Chrome
// closes an audio offscreen document by itself after 30 s of silence; the background makes a new
// one when it needs it.
let ctx: AudioContext | null = null;
browser.runtime.onMessage.addListener((raw: unknown) => {
  if (parseMessage(raw)?.type !== 'offscreen/chime') return undefined;
  ctx ??= new AudioContext();
  return playChime(ctx).then(
    () => ({ ok: true }),
    () => ({ ok: false }),
  );
});
