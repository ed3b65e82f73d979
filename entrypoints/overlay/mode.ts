import type { Article, Placeholder } from '@/utils/kb/article';

/** A line in the footer; `copy` offers the clipboard for an insert that did not (or may not have) landed. */
export type Status = { kind: 'info' | 'error'; text: string; copy?: () => void } | null;

/** What the palette does with the chosen text: put it into the agent's field, or on the clipboard. */
export type Action = 'insert' | 'copy';

/** What the palette shows: the results, the preview pane, a placeholder form, or read mode. */
export type Mode =
  | { kind: 'list' }
  | { kind: 'preview' }
  | { kind: 'form'; article: Article; action: Action; text: string; placeholders: Placeholder[] }
  | { kind: 'read'; article: Article }
  | { kind: 'state' };
