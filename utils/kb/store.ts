import { z } from 'zod';
import { ARTICLE_SOURCE_CATALOGUE } from './article-kinds';
import type { SeatmateDb } from '../db';
import { formatZodIssues } from '../validation';
import {
  articleIdSchema,
  articleInputSchema,
  articleSchema,
  articleContent,
  authoredArticleId,
  storedArticleIdSchema,
  type Article,
  type ArticleInput,
  type ArticleInputDraft,
} from './article';
import { articleUsageSchema, type ArticleUsage } from './usage';

/**
 * The knowledge base's own writes, as the KB page makes them: save (create or edit) a personal
 * article, delete with undo, copy a team or sample article to the agent's own, pin. Each one
 * validates first, then writes in one Dexie transaction, or throws a {@link KbStoreError} and
 * writes nothing.
 *
 * Editable: the agent's own articles (`local`) and the sample KB (`sample`, kept as sample so a
 * re-seed never overwrites the edit). Read-only: team pack articles (`pack`), which the next pack
 * update replaces; copy one to personal to change it.
 */

/** What went wrong, for the UI to say in the agent's language. */
export type KbStoreErrorCode = 'invalid' | 'notFound' | 'readOnly';

/** One problem with a draft, named by its field path (`title`, `steps[0].lines[1].text`). */
export interface FieldIssue {
  path: string;
  /** zod's issue code (`too_small`, `too_big`, `invalid_format`, `custom`, …). */
  code: string;
  message: string;
  /** The limit broken, for `too_small` / `too_big`. */
  limit?: number;
}

/** A refused write. `issues` lists every bad field when `code` is `invalid`. */
export class KbStoreError extends Error {
  readonly code: KbStoreErrorCode;
  readonly issues: FieldIssue[];
  constructor(code: KbStoreErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'KbStoreError';
    this.code = code;
    this.issues = issues;
  }
}

/** An article as the editor hands it over: authored fields, `id` absent for a new article. */
export type ArticleDraft = Omit<ArticleInputDraft, 'id'> & { id?: string };

/** What {@link deleteArticles} removed, everything {@link restoreArticles} needs to put it back. */
export interface DeletedArticles {
  articles: Article[];
  /** Their pins and frecency. */
  usage: ArticleUsage[];
}

/** Path of a zod issue as one string, e.g. `steps[0].lines[1].text` (as in formatZodIssues). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const limit =
      issue.code === 'too_small' ? Number(issue.minimum) : issue.code === 'too_big' ? Number(issue.maximum) : undefined;
    return {
      path: issuePath(issue.path),
      code: issue.code,
      message: issue.message,
      ...(limit !== undefined ? { limit } : {}),
    };
  });
}

/** Stands in for a new article's id while its content is checked (ids are generated valid). */
const UNSAVED_ID = 'unsaved';

type DraftContent = Omit<ArticleInput, 'id'> & { id?: string };

/**
 * Parses a draft: its content with the authored-article schema, and its id, when given, as any
 * stored id (a pack's is refused later, in the transaction).
 */
function parseDraft(draft: ArticleDraft): { ok: true; value: DraftContent } | { ok: false; error: z.ZodError } {
  const id = storedArticleIdSchema.optional().safeParse(draft.id);
  const content = articleInputSchema.safeParse({ ...draft, id: UNSAVED_ID });
  if (id.success && content.success) {
    const { id: _unsaved, ...rest } = content.data;
    return { ok: true, value: id.data === undefined ? rest : { ...rest, id: id.data } };
  }
  const issues = [
    ...(id.success ? [] : id.error.issues.map((i) => ({ ...i, path: ['id', ...i.path] }))),
    ...(content.success ? [] : content.error.issues),
  ];
  return { ok: false, error: new z.ZodError(issues) };
}

/**
 * Checks a draft without writing: the parsed article content, or every problem by field path.
 * The editor calls it as the agent types, to show errors beside the fields they name.
 */
export function validateDraft(
  draft: ArticleDraft,
): { ok: true; value: DraftContent } | { ok: false; issues: FieldIssue[] } {
  const parsed = parseDraft(draft);
  return parsed.ok ? parsed : { ok: false, issues: toFieldIssues(parsed.error) };
}

/** A readable id from an ASCII title (`Refund policy` → `refund-policy`), or '' when none. */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
}

/** `base`, else `base-2`, `base-3`… — the first the table does not hold. */
async function freeId(db: SeatmateDb, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await db.articles.get(id))) return id;
  }
}

function randomId(random: () => number): string {
  let s = '';
  while (s.length < 8) s += Math.floor(random() * 36).toString(36);
  return `a-${s}`;
}

/**
 * Creates or updates one of the agent's articles and returns it as stored.
 *
 * - No `id`: a new personal article (`source: 'local'`) with a new unique id, from the title's
 *   slug when it has one (`refund-policy`, `refund-policy-2`), else `a-<random>`.
 * - An `id` that is stored: that article is updated (`createdAt`, `source` kept; `updatedAt` =
 *   `now`). A pack article is refused (`readOnly`): copy it to personal first.
 * - An `id` that is not stored (deleted in another tab while being edited): created with it, so
 *   nothing the agent typed is lost.
 *
 * @throws KbStoreError `invalid` (with every bad field) or `readOnly`; nothing is written.
 */
export async function saveArticle(
  db: SeatmateDb,
  draft: ArticleDraft,
  now: number,
  random: () => number = Math.random,
): Promise<Article> {
  const checked = parseDraft(draft);
  if (!checked.ok) {
    throw new KbStoreError(
      'invalid',
      `The article is not valid: ${formatZodIssues(checked.error)}`,
      toFieldIssues(checked.error),
    );
  }
  const { id: wantedId, ...content } = checked.value;
  return db.transaction('rw', db.articles, async () => {
    const existing = wantedId ? await db.articles.get(wantedId) : undefined;
    if (
      (existing !== undefined && !ARTICLE_SOURCE_CATALOGUE[existing.source].editable) ||
      (!existing && wantedId !== undefined && !articleIdSchema.safeParse(wantedId).success)
    ) {
      throw new KbStoreError('readOnly', `Article ${wantedId} belongs to a team pack: copy it to personal to edit.`);
    }
    let id = wantedId;
    if (!id) {
      const slug = slugFromTitle(content.title);
      id = await freeId(db, slug || randomId(random));
    }
    const row = articleSchema.parse({
      ...content,
      id,
      source: existing?.source ?? 'local',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await db.articles.put(row);
    return row;
  });
}

const idListSchema = z.array(storedArticleIdSchema).max(100_000);

/**
 * Deletes articles (and their pins and frecency) and returns what was deleted, for undo. Unknown
 * ids are skipped.
 *
 * @throws KbStoreError `invalid` for a malformed id, `readOnly` when one is a team pack's
 *   article (a pack update would bring it back; remove the pack instead); nothing is deleted.
 */
export async function deleteArticles(db: SeatmateDb, ids: readonly string[]): Promise<DeletedArticles> {
  const parsed = idListSchema.safeParse(ids);
  if (!parsed.success) {
    throw new KbStoreError('invalid', `Not article ids: ${formatZodIssues(parsed.error)}`, toFieldIssues(parsed.error));
  }
  return db.transaction('rw', db.articles, db.articleUsage, async () => {
    const articles = (await db.articles.bulkGet(parsed.data)).filter((a): a is Article => a !== undefined);
    const locked = articles.find((a) => !ARTICLE_SOURCE_CATALOGUE[a.source].editable);
    if (locked)
      throw new KbStoreError('readOnly', `Article ${locked.id} belongs to a team pack and cannot be deleted.`);
    const found = articles.map((a) => a.id);
    const usage = (await db.articleUsage.bulkGet(found)).filter((u): u is ArticleUsage => u !== undefined);
    await db.articles.bulkDelete(found);
    await db.articleUsage.bulkDelete(found);
    return { articles, usage };
  });
}

const deletedSchema = z.object({
  articles: z.array(articleSchema),
  usage: z.array(articleUsageSchema),
});

/**
 * Puts back what {@link deleteArticles} removed. An id that has been taken again meanwhile keeps
 * its new article (the old one is not restored over it). Returns how many articles came back.
 *
 * @throws KbStoreError `invalid` naming the bad row; nothing is written.
 */
export async function restoreArticles(db: SeatmateDb, deleted: DeletedArticles): Promise<{ restored: number }> {
  const parsed = deletedSchema.safeParse(deleted);
  if (!parsed.success) {
    throw new KbStoreError('invalid', `Cannot restore: ${formatZodIssues(parsed.error)}`, toFieldIssues(parsed.error));
  }
  return db.transaction('rw', db.articles, db.articleUsage, async () => {
    const ids = parsed.data.articles.map((a) => a.id);
    const taken = new Set((await db.articles.bulkGet(ids)).flatMap((a) => (a ? [a.id] : [])));
    const back = parsed.data.articles.filter((a) => !taken.has(a.id));
    const backIds = new Set(back.map((a) => a.id));
    await db.articles.bulkAdd(back);
    await db.articleUsage.bulkPut(parsed.data.usage.filter((u) => backIds.has(u.articleId)));
    return { restored: back.length };
  });
}

/**
 * Copies any article (a team pack's, the sample's, or the agent's own) to a new personal article
 * the agent can edit. The copy keeps the authored id when free (`refund` from `team/refund`),
 * else gets `-copy`, `-copy-2`…; it starts unpinned, with `createdAt = updatedAt = now`.
 *
 * @throws KbStoreError `invalid` for a malformed id, `notFound` when there is no such article.
 */
export async function copyToPersonal(db: SeatmateDb, id: string, now: number): Promise<Article> {
  const parsed = storedArticleIdSchema.safeParse(id);
  if (!parsed.success) throw new KbStoreError('invalid', `Not an article id: ${id}`, toFieldIssues(parsed.error));
  return db.transaction('rw', db.articles, async () => {
    const original = await db.articles.get(parsed.data);
    if (!original) throw new KbStoreError('notFound', `No article ${id}.`);
    const authored = authoredArticleId(original);
    const base = (await db.articles.get(authored)) ? `${authored.slice(0, 54)}-copy` : authored;
    const newId = await freeId(db, base);
    const row = articleSchema.parse({
      ...articleContent(original),
      id: newId,
      source: 'local',
      createdAt: now,
      updatedAt: now,
    });
    await db.articles.add(row);
    return row;
  });
}

/**
 * Pins or unpins an article (pinned articles rise in search), keeping its use count and frecency.
 *
 * @throws KbStoreError `invalid` for a malformed id, `notFound` when there is no such article.
 */
export async function setPinned(db: SeatmateDb, id: string, pinned: boolean): Promise<ArticleUsage> {
  const parsed = storedArticleIdSchema.safeParse(id);
  if (!parsed.success) throw new KbStoreError('invalid', `Not an article id: ${id}`, toFieldIssues(parsed.error));
  return db.transaction('rw', db.articles, db.articleUsage, async () => {
    if (!(await db.articles.get(parsed.data))) throw new KbStoreError('notFound', `No article ${id}.`);
    const current = await db.articleUsage.get(parsed.data);
    const row = articleUsageSchema.parse(
      current ? { ...current, pinned } : { articleId: parsed.data, pinned, uses: 0, lastUsedAt: 0, frecency: 0 },
    );
    await db.articleUsage.put(row);
    return row;
  });
}
