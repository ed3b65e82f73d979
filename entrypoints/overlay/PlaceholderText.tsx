import { Fragment } from 'react';
import type { Placeholder } from '@/utils/kb/article';

const MARKER = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,31})\s*\}\}/g;

/**
 * A script line with its `{{key}}` markers shown: filled with the value the agent entered this
 * shift, or else as a marked chip with the placeholder's label.
 */
export function PlaceholderText({
  text,
  values,
  placeholders,
}: {
  text: string;
  values: Readonly<Record<string, string>>;
  placeholders: readonly Placeholder[];
}) {
  const parts: Array<string | { key: string }> = [];
  let pos = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index > pos) parts.push(text.slice(pos, m.index));
    parts.push({ key: m[1]! });
    pos = m.index + m[0].length;
  }
  if (pos < text.length) parts.push(text.slice(pos));
  return (
    <>
      {parts.map((p, i) => {
        if (typeof p === 'string') return <Fragment key={i}>{p}</Fragment>;
        const value = values[p.key];
        if (value)
          return (
            <span key={i} className="ph-filled">
              {value}
            </span>
          );
        const label = placeholders.find((d) => d.key === p.key)?.label ?? p.key;
        return (
          <span key={i} className="ph-chip">
            {label}
          </span>
        );
      })}
    </>
  );
}
