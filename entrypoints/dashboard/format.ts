/** Durations and clock times as the dashboard shows them. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A total as `h:mm` (`0:40`, `7:05`, `152:30`). */
export function hMm(ms: number): string {
  const min = Math.round(Math.max(0, ms) / 60_000);
  return `${Math.floor(min / 60)}:${pad(min % 60)}`;
}

/** An average or a short span as `m:ss` (`9:20`), or `h:mm:ss` from an hour up. */
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

/** The wall-clock time `HH:MM` (or `HH:MM:SS`) of `at` on a clock `tz` minutes east of UTC. */
export function clockAt(at: number, tz: number, seconds = false): string {
  const d = new Date(at + tz * 60_000);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}

/** The instant of `HH:MM[:SS]` on `day` on a clock `tz` minutes east of UTC; null when malformed. */
export function instantOf(day: string, time: string, tz: number): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || !d) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, mi, s) - tz * 60_000;
}

/** A ratio as a whole percentage (`51%`), or an en dash when there is none. */
export function percent(r: number | null): string {
  return r === null ? '–' : `${Math.round(r * 100)}%`;
}
