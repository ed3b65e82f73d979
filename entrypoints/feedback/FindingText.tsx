import type { ContentFinding } from '@/utils/feedback/warnings';

/** The text with each finding marked (`<mark>` with the kind's label as its title). */
export function FindingText({
  text,
  findings,
  labelOf,
}: {
  text: string;
  findings: readonly ContentFinding[];
  labelOf: (f: ContentFinding) => string;
}) {
  const parts: Array<{ text: string; finding: ContentFinding | null }> = [];
  let pos = 0;
  for (const f of findings) {
    if (f.start < pos) continue;
    if (f.start > pos) parts.push({ text: text.slice(pos, f.start), finding: null });
    parts.push({ text: text.slice(f.start, f.end), finding: f });
    pos = f.end;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), finding: null });
  return (
    <p className="fb-finding-text" data-testid="feedback-warning-text">
      {parts.map((p, i) =>
        p.finding ? (
          <mark key={i} title={labelOf(p.finding)} data-kind={p.finding.kind} data-testid="feedback-warning-mark">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}
