import { useCallback, useMemo, useState } from 'react';
import type { Article } from '@/utils/kb/article';
import { insertableParts, insertableText, type InsertablePart } from '@/utils/kb/article-reply';
import { shapeInsert } from '@/utils/console/insert-shape';

/**
 * The preview pane's parts of the current article (each reply variant, its paragraphs, each
 * script line), the one the agent chose with ↑/↓ (null: the first reply, what Enter inserts from
 * the list), and how long the chosen text is once its placeholders are filled with `values`.
 */
export function usePaletteParts(article: Article | undefined, values: Readonly<Record<string, string>>) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [forId, setForId] = useState<string | undefined>(undefined);
  const parts = useMemo(() => (article ? insertableParts(article) : []), [article]);
  // Another article: the choice starts again from its first reply.
  const part = forId === article?.id ? chosen : null;
  const text = article ? ((part !== null ? parts[part]?.text : undefined) ?? insertableText(article).text) : '';
  const insertLength = useMemo(() => (text ? shapeInsert(text, values).text.length : 0), [text, values]);
  const move = useCallback(
    (step: 1 | -1) => {
      if (parts.length === 0) return;
      setForId(article?.id);
      setChosen((c) => {
        const from = forId === article?.id && c !== null ? c : step === 1 ? -1 : 0;
        return (from + step + parts.length) % parts.length;
      });
    },
    [parts.length, article?.id, forId],
  );
  const reset = useCallback(() => setChosen(null), []);
  const chosenPart: InsertablePart | undefined = part !== null ? parts[part] : undefined;
  return { parts, part, chosenPart, insertLength, move, reset };
}
