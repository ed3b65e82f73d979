import { z } from 'zod';
import { ARTICLE_KINDS, ARTICLE_LANGS, type Article, type ArticleKind, type ArticleLang } from '@/utils/kb/article';
import type { ArticleDraft, FieldIssue } from '@/utils/kb/store';
import type { MessageKey, Translate } from '@/utils/i18n';

/**
 * The editor's form: what the agent types, as typed (lists as comma-separated text, dates as the
 * date input gives them). {@link draftFromForm} turns it into the draft the store validates.
 */
export const editorFormSchema = z.object({
  /** The article being edited, or null for a new one. */
  id: z.string().nullable(),
  title: z.string(),
  /** An older article's whole text (inserted whole); empty for articles with replies. */
  body: z.string(),
  /** The reply variants: what goes to the customer. */
  replies: z.array(z.object({ label: z.string(), text: z.string() })),
  /** Internal guidance for the agent, never inserted. */
  notes: z.string(),
  /** Optional text-expansion trigger (`;tk`). */
  trigger: z.string(),
  kind: z.enum(ARTICLE_KINDS),
  lang: z.enum(ARTICLE_LANGS),
  category: z.string(),
  tags: z.string(),
  keywords: z.string(),
  reviewBy: z.string(),
  verifiedOn: z.string(),
  steps: z.array(z.object({ title: z.string(), lines: z.array(z.object({ text: z.string(), mustSay: z.boolean() })) })),
  placeholders: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(['text', 'choice', 'date']),
      options: z.string(),
      defaultValue: z.string(),
    }),
  ),
});
export type EditorForm = z.infer<typeof editorFormSchema>;
export type FormStep = EditorForm['steps'][number];
export type FormPlaceholder = EditorForm['placeholders'][number];

/** A blank form for a new article in `lang`. */
export function emptyForm(lang: ArticleLang, kind: ArticleKind = 'reply'): EditorForm {
  return {
    id: null,
    title: '',
    body: '',
    replies: [{ label: '', text: '' }],
    notes: '',
    trigger: '',
    kind,
    lang,
    category: '',
    tags: '',
    keywords: '',
    reviewBy: '',
    verifiedOn: '',
    steps: [],
    placeholders: [],
  };
}

const LIST_SEPARATOR = /[,，、]/;

/** `a, b，c` → `['a', 'b', 'c']` (Chinese commas too; blanks dropped). */
export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The form for editing a stored article. */
export function formFromArticle(a: Article): EditorForm {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    replies: a.replies.length > 0 || a.body ? a.replies.map((r) => ({ ...r })) : [{ label: '', text: '' }],
    notes: a.notes,
    trigger: a.trigger ?? '',
    kind: a.kind,
    lang: a.lang,
    category: a.category,
    tags: a.tags.join(', '),
    keywords: a.keywords.join(', '),
    reviewBy: a.reviewBy ?? '',
    verifiedOn: a.verifiedOn ?? '',
    steps: a.steps.map((s) => ({ title: s.title, lines: s.lines.map((l) => ({ ...l })) })),
    placeholders: a.placeholders.map((p) => ({
      key: p.key,
      label: p.label,
      type: p.type,
      options: p.options.join(', '),
      defaultValue: p.defaultValue ?? '',
    })),
  };
}

/** The draft the store validates and saves. Indexes of steps, lines and placeholders are kept. */
export function draftFromForm(f: EditorForm): ArticleDraft {
  return {
    ...(f.id ? { id: f.id } : {}),
    title: f.title,
    body: f.body,
    // A variant left wholly blank is not a variant; one with a label but no text is an error.
    replies: f.replies.filter((r) => r.label.trim() !== '' || r.text.trim() !== ''),
    notes: f.notes,
    ...(f.trigger.trim() ? { trigger: f.trigger.trim() } : {}),
    kind: f.kind,
    lang: f.lang,
    category: f.category,
    tags: splitList(f.tags),
    keywords: splitList(f.keywords),
    reviewBy: f.reviewBy || null,
    verifiedOn: f.verifiedOn || null,
    steps: f.steps,
    placeholders: f.placeholders.map((p) => ({
      key: p.key.trim(),
      label: p.label,
      type: p.type,
      options: p.type === 'choice' ? splitList(p.options) : [],
      ...(p.defaultValue.trim() ? { defaultValue: p.defaultValue } : {}),
    })),
  };
}

const ARRAY_FIELDS = new Set(['tags', 'keywords', 'steps', 'lines', 'placeholders', 'options']);

/** The last named segment of an issue path: `steps[0].lines[1].text` → `text`. */
function lastName(path: string): string {
  const names = path.split('.').map((p) => p.replace(/\[\d+\]$/, ''));
  return names[names.length - 1] ?? '';
}

/** An issue in the agent's language, e.g. "Required" or "Use a date like 2026-03-31". */
export function issueText(t: Translate, issue: FieldIssue): string {
  const name = lastName(issue.path);
  const isList = ARRAY_FIELDS.has(name) && !/\[\d+\]$/.test(issue.path);
  let key: MessageKey | null = null;
  const values: Record<string, number> = {};
  if (issue.code === 'too_small') {
    key = isList ? 'kb.errors.tooFew' : 'kb.errors.required';
    values.min = issue.limit ?? 1;
  } else if (issue.code === 'too_big') {
    key = isList ? 'kb.errors.tooMany' : 'kb.errors.tooLong';
    values.max = issue.limit ?? 0;
  } else if (issue.code === 'invalid_format') {
    if (name === 'reviewBy' || name === 'verifiedOn') key = 'kb.errors.date';
    else if (name === 'key') key = 'kb.errors.placeholderKey';
    else if (name === 'id') key = 'kb.errors.id';
    else if (name === 'trigger') key = 'kb.errors.trigger';
  } else if (issue.code === 'custom') {
    if (name === 'replies') key = 'kb.errors.noReply';
    else if (name === 'options') key = 'kb.errors.choiceOptions';
    else if (name === 'key') key = 'kb.errors.duplicateKey';
    else if (name === 'reviewBy' || name === 'verifiedOn') key = 'untrusted.kb.noSuchDay';
  }
  return key ? t(key, values) : issue.message;
}

/** The issues for one field path: itself and, for lists, its items (`tags` → `tags[3]`). */
export function issuesAt(issues: readonly FieldIssue[], path: string): FieldIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}[`));
}

const STORAGE_KEY = 'seatmate.kb.editorDraft';

const storedDraftSchema = z.object({
  form: editorFormSchema,
  /** JSON of the form as it was opened, to tell whether anything changed. */
  baseline: z.string(),
});
export type StoredDraft = z.infer<typeof storedDraftSchema>;

/** The unsaved editor draft kept for this tab (survives a reload), or null. */
export function loadStoredDraft(storage: Storage): StoredDraft | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = storedDraftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) the editor draft. */
export function storeDraft(storage: Storage, draft: StoredDraft | null): void {
  try {
    if (draft) storage.setItem(STORAGE_KEY, JSON.stringify(draft));
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or blocked: the draft still lives in the page, only a reload would lose it.
  }
}
