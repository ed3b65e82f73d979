import { z } from 'zod';
import type { ArticleInput } from '../article';
import { ARTICLE_FIELDS, validateDraft } from './fields';
import { findDuplicateKeys, jsonPathText, type DuplicateKey } from './json-keys';
import { createTicker, ImportFileError, type ItemProblem, type ParsedItem, type ProgressFn } from './types';

/** The `format` marker of a Seatmate knowledge-base file. */
export const KB_FILE_FORMAT = 'seatmate-kb';
/** The current version of the Seatmate knowledge-base file. */
export const KB_FILE_SCHEMA_VERSION = 1;

/** A Seatmate knowledge-base file: `{ "format": "seatmate-kb", "schemaVersion": 1, "articles": [...] }`. */
export interface KbFile {
  format: typeof KB_FILE_FORMAT;
  schemaVersion: typeof KB_FILE_SCHEMA_VERSION;
  /** When the file was written (ISO 8601), informational only. */
  exportedAt?: string;
  articles: ArticleInput[];
}

const envelopeSchema = z.object({
  format: z.literal(KB_FILE_FORMAT).optional(),
  schemaVersion: z.number(),
  articles: z.array(z.unknown()),
});

/**
 * Reads a Seatmate knowledge-base JSON file (or a bare array of articles). Each article is
 * validated on its own and reported as `articles[i]` (`[i]` for a bare array), so one bad article
 * is named without hiding the others. A file that is not JSON, or not this shape, is refused. A key
 * written twice in one object (JSON would keep the last silently) makes that article invalid, naming
 * the key and its line; twice in the file's envelope, the file is refused.
 */
export async function parseKbJson(text: string, onProgress?: ProgressFn): Promise<ParsedItem[]> {
  if (!text.trim()) throw new ImportFileError('empty', 'The file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportFileError('json', 'The file is not valid JSON.', err instanceof Error ? err.message : String(err));
  }
  const duplicates = findDuplicateKeys(text, 1_000);
  const inEnvelope = duplicates.find((d) => d.path.length === 0);
  if (inEnvelope) {
    const where = jsonPathText(inEnvelope.path);
    throw new ImportFileError(
      'json',
      'The file has a key written twice; JSON keeps only the last, so what it means cannot be known.',
      `"${inEnvelope.key}"${where ? ` in ${where}` : ''}, line ${inEnvelope.line}`,
    );
  }
  let list: unknown[];
  let prefix: string;
  if (Array.isArray(data)) {
    list = data;
    prefix = '';
  } else {
    const env = envelopeSchema.safeParse(data);
    if (!env.success) {
      throw new ImportFileError(
        'json',
        'This JSON is not a Seatmate knowledge-base file: expected {"format":"seatmate-kb","schemaVersion":1,"articles":[…]} or an array of articles.',
      );
    }
    if (env.data.schemaVersion !== KB_FILE_SCHEMA_VERSION) {
      throw new ImportFileError(
        'schema-version',
        `This file has schemaVersion ${env.data.schemaVersion}; this Seatmate reads version ${KB_FILE_SCHEMA_VERSION}. Update Seatmate, or export the file again.`,
        String(env.data.schemaVersion),
      );
    }
    list = env.data.articles;
    prefix = 'articles';
  }
  if (list.length === 0) throw new ImportFileError('empty', 'The file has no articles.');
  const tick = createTicker(list.length, onProgress);
  const items: ParsedItem[] = [];
  for (let i = 0; i < list.length; i++) {
    const raw = list[i];
    const where = `${prefix}[${i}]`;
    items.push(
      raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? validateDraft(where, raw as Record<string, unknown>, [
            ...unknownKeys(raw),
            ...duplicateProblems(duplicates, Array.isArray(data) ? [i] : ['articles', i]),
          ])
        : {
            where,
            article: null,
            problems: [{ field: '(row)', code: 'not-object', message: 'expected an article object' }],
          },
    );
    await tick(i + 1);
  }
  return items;
}

/** The repeated keys inside the article at `at` (`['articles', 3]`), as that article's problems. */
function duplicateProblems(duplicates: readonly DuplicateKey[], at: readonly (string | number)[]): ItemProblem[] {
  return duplicates
    .filter((d) => at.every((p, k) => d.path[k] === p))
    .map((d) => {
      const inner = jsonPathText(d.path.slice(at.length));
      const field = inner ? `${inner}.${d.key}` : d.key;
      return {
        field,
        code: 'duplicate-key',
        params: { key: d.key, line: d.line },
        message: `"${d.key}" is written twice (line ${d.line}); JSON keeps only the last, so which one is meant cannot be known`,
      };
    });
}

const KNOWN_KEYS = new Set<string>([...ARTICLE_FIELDS, 'source', 'packId', 'createdAt', 'updatedAt']);

/** Keys no article field reads: reported so a typo (`tag` for `tags`) is not silently dropped. */
function unknownKeys(raw: object) {
  return Object.keys(raw)
    .filter((k) => !KNOWN_KEYS.has(k))
    .map((k) => ({
      field: k,
      code: 'unknown-field',
      params: { expected: ARTICLE_FIELDS.join(', ') },
      message: `unknown field; expected one of ${ARTICLE_FIELDS.join(', ')}`,
    }));
}

/** Writes a Seatmate knowledge-base file (pretty-printed, newline-terminated). */
export function formatKbJson(articles: readonly ArticleInput[], exportedAt?: Date): string {
  const file: KbFile = {
    format: KB_FILE_FORMAT,
    schemaVersion: KB_FILE_SCHEMA_VERSION,
    ...(exportedAt ? { exportedAt: exportedAt.toISOString() } : {}),
    articles: [...articles],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
