import type { z } from 'zod';
import type { MessageKey } from '../i18n';
import { formatZodIssues } from '../validation';
import { integrityHolds } from './integrity';

/**
 * Reading a feedback file (export, replies or backup): the same steps and the same errors for
 * all three. Every refusal names the file and, for a bad value, the field (`items[3].category`).
 */

/** Why a file was refused. */
export const FILE_ERROR_CODES = ['tooLarge', 'json', 'format', 'version', 'invalid', 'integrity', 'conflict'] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** What the UI says for each code (the message carries the detail). */
export const FILE_ERROR_MESSAGES: Record<FileErrorCode, MessageKey> = {
  tooLarge: 'feedback.errors.tooLarge',
  json: 'feedback.errors.json',
  format: 'feedback.errors.format',
  version: 'feedback.errors.version',
  invalid: 'feedback.errors.invalid',
  integrity: 'feedback.errors.integrity',
  conflict: 'feedback.errors.conflict',
};

/** A refused file: `file` is its name as given, `detail` the located problem. */
export class FeedbackFileError extends Error {
  readonly code: FileErrorCode;
  readonly file: string;
  readonly detail: string;
  constructor(code: FileErrorCode, file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'FeedbackFileError';
    this.code = code;
    this.file = file;
    this.detail = detail;
  }
}

/** Largest feedback file read (a few thousand items is well under this). */
export const MAX_FILE_CHARS = 20_000_000;

/**
 * Parses and validates one feedback file: JSON, then `format`, then `schemaVersion`, then the
 * whole document with `schema`, then (when `checkIntegrity`) the digest over the raw JSON.
 * Throws a {@link FeedbackFileError}; never returns a half-valid document.
 */
export async function readFeedbackFile<T>(
  fileName: string,
  text: string,
  expect: { format: string; schemaVersion: number; schema: z.ZodType<T>; checkIntegrity: boolean },
): Promise<T> {
  if (text.length > MAX_FILE_CHARS)
    throw new FeedbackFileError('tooLarge', fileName, `over ${MAX_FILE_CHARS} characters`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FeedbackFileError('json', fileName, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new FeedbackFileError('format', fileName, 'not a Seatmate feedback file (expected a JSON object)');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== expect.format) {
    throw new FeedbackFileError(
      'format',
      fileName,
      `format: expected "${expect.format}", found ${JSON.stringify(obj.format ?? null)}`,
    );
  }
  if (obj.schemaVersion !== expect.schemaVersion) {
    const newer = typeof obj.schemaVersion === 'number' && obj.schemaVersion > expect.schemaVersion;
    throw new FeedbackFileError(
      'version',
      fileName,
      `schemaVersion ${JSON.stringify(obj.schemaVersion ?? null)}: ${newer ? 'made by a newer Seatmate, update this one' : `expected ${expect.schemaVersion}`}`,
    );
  }
  const parsed = expect.schema.safeParse(obj);
  if (!parsed.success) throw new FeedbackFileError('invalid', fileName, formatZodIssues(parsed.error));
  if (expect.checkIntegrity && !(await integrityHolds(obj))) {
    throw new FeedbackFileError(
      'integrity',
      fileName,
      'integrity.digest does not match the content: the file was changed or damaged after it was made',
    );
  }
  return parsed.data;
}
