/** Clock times as the dashboard shows and reads them (durations: utils/time/format.ts). */

const pad = (n: number) => String(n).padStart(2, '0');

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
