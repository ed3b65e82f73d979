/** A running time as `m:ss` or `h:mm:ss` (clock-style, for the state pill). */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
}

/** A total as `h:mm` (e.g. `1:05` for 65 minutes); under an hour as `m:ss`. */
export function formatTotal(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 60) return formatClock(ms);
  return `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`;
}
