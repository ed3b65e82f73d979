/**
 * How durations read everywhere in Seatmate (popup, palette pill, dashboard, exports): one set of
 * functions, so the same figure never reads differently on two screens. Pure.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A running time as `mm:ss` or `h:mm:ss`, whole seconds elapsed (the state pill's clock). */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
}

/** A total as `h:mm`, to the nearest minute (`0:40`, `7:05`, `152:30`). */
export function hMm(ms: number): string {
  const min = Math.round(Math.max(0, ms) / 60_000);
  return `${Math.floor(min / 60)}:${pad(min % 60)}`;
}

/** An average or a short span as `m:ss` to the nearest second (`9:20`), or `h:mm:ss` from an hour up. */
export function mSs(ms: number): string {
  const s = Math.round(Math.max(0, ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** A span, in whichever of `m:ss` and `h:mm` reads better (under an hour: m:ss). */
export function span(ms: number): string {
  return ms < 3_600_000 ? mSs(ms) : hMm(ms);
}
