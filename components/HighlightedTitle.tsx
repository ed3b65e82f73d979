/** A title with the matched ranges marked (`<mark>`), merged and in order. */
export function HighlightedTitle({
  title,
  ranges,
}: {
  title: string;
  ranges: ReadonlyArray<readonly [number, number]>;
}) {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const parts: Array<{ text: string; mark: boolean }> = [];
  let pos = 0;
  for (const [start, end] of sorted) {
    const s = Math.max(start, pos);
    if (end <= s) continue;
    if (s > pos) parts.push({ text: title.slice(pos, s), mark: false });
    parts.push({ text: title.slice(s, end), mark: true });
    pos = end;
  }
  if (pos < title.length) parts.push({ text: title.slice(pos), mark: false });
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
