/**
 * The id and key rules of articles, as plain patterns (no zod): the zod schemas in ./article.ts
 * and the console messages' valibot schemas (utils/console/console-messages.ts) are both built
 * from these.
 */

/** Stored ids: an authored id, or `<packId>/<authored id>` for a team pack's article. */
export const STORED_ARTICLE_ID_PATTERN = /^([a-z0-9][a-z0-9-]{0,63}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** The message when an id does not fit {@link STORED_ARTICLE_ID_PATTERN}. */
export const STORED_ARTICLE_ID_MESSAGE = 'not an article id';

/** Placeholder keys as written in text: `{{customerName}}`. */
export const PLACEHOLDER_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** The message when a key does not fit {@link PLACEHOLDER_KEY_PATTERN}. */
export const PLACEHOLDER_KEY_MESSAGE = 'use a letter, then up to 31 letters, digits or underscores';
