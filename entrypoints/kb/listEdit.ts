/** `list` with item `i` moved by `step` (−1 up, +1 down); unchanged at the ends. */
export function moved<T>(list: readonly T[], i: number, step: -1 | 1): T[] {
  const j = i + step;
  if (j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** `list` with item `i` replaced. */
export function replaced<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, k) => (k === i ? item : x));
}

/** `list` without item `i`. */
export function removed<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i);
}
