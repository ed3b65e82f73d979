/**
 * The soft sound that may come with a wellbeing toast (an option, off by default): two quiet sine
 * notes, a fifth apart, fading in and out over about a second. Synthesised, so there is no audio
 * file to ship. Played by the offscreen document on Chrome, and by the background page itself on
 * Firefox (which has no offscreen documents, and whose background is a page).
 */
export function playChime(ctx: AudioContext): Promise<void> {
  const start = ctx.currentTime + 0.05;
  const notes = [
    { freq: 587.33, at: 0, length: 0.9 }, // D5
    { freq: 880, at: 0.18, length: 0.9 }, // A5
  ];
  for (const n of notes) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = n.freq;
    const t0 = start + n.at;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.06, t0 + 0.08);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + n.length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + n.length + 0.05);
  }
  return new Promise((resolve) => setTimeout(resolve, 1_300));
}
