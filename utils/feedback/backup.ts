import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { FEEDBACK_CATEGORIES, FEEDBACK_SEVERITIES } from './categories';
import { fromBase32, fromBase64Url, sha256, toBase32, toBase64Url } from './encoding';
import { readFeedbackFile } from './file-errors';
import { integritySchema } from './export-format';
import { withIntegrity } from './integrity';
import { randomUuid, type RandomSource } from './random';
import {
  articleRefSchema,
  feedbackIdSchema,
  FEEDBACK_TEXT_MAX,
  itemSecretSchema,
  outboxItemSchema,
  signatureSchema,
  type OutboxItem,
} from './records';
import { SECRET_BYTES } from './reply-key';
import { isoWeekSchema } from './week';

/**
 * Backups of the agent's item secrets, for after a reinstall (uninstalling wipes extension
 * storage, and with it the only copy of the secrets that find the agent's replies).
 *
 * - The **backup file** (`seatmate-feedback-backup`, version 1) keeps every item that is not
 *   withdrawn, with its text; a digest refuses a damaged or edited file.
 * - The **backup code** keeps, per exported item, only its secret, category and week: short
 *   enough to paste into a password manager or print. Crockford base32 in groups of five, with a
 *   40-bit checksum, so a mistyped or missing character is refused instead of restoring a wrong
 *   secret.
 *
 * Both identify their holder as the writer of those items: the agent keeps them private.
 */

export const BACKUP_FORMAT = 'seatmate-feedback-backup';
export const BACKUP_SCHEMA_VERSION = 1;

/** One item in the backup file. */
export const backupItemSchema = z.strictObject({
  id: feedbackIdSchema,
  secret: itemSecretSchema,
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string().max(FEEDBACK_TEXT_MAX),
  severity: z.enum(FEEDBACK_SEVERITIES).nullable(),
  article: articleRefSchema.nullable(),
  signedAs: signatureSchema.nullable(),
  status: z.enum(['draft', 'ready', 'exported']),
  week: isoWeekSchema,
  exportedWeek: isoWeekSchema.nullable(),
  restored: z.boolean(),
});

/** The backup file. */
export const backupFileSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.literal(BACKUP_SCHEMA_VERSION),
  items: z.array(backupItemSchema).max(20_000),
  integrity: integritySchema,
});
export type BackupFile = z.infer<typeof backupFileSchema>;

/** The backup file of `items` (withdrawn ones are left out), as pretty-printed JSON. */
export async function buildBackupFile(items: readonly OutboxItem[]): Promise<string> {
  const doc = await withIntegrity({
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    items: items
      .filter((i) => i.status !== 'withdrawn')
      .map((i) => ({
        id: i.id,
        secret: i.secret,
        category: i.category,
        text: i.text,
        severity: i.severity,
        article: i.article,
        signedAs: i.signedAs,
        status: i.status as 'draft' | 'ready' | 'exported',
        week: i.week,
        exportedWeek: i.exportedWeek,
        restored: i.restored,
      })),
  });
  return JSON.stringify(backupFileSchema.parse(doc), null, 2) + '\n';
}

/** Reads a backup file; throws `FeedbackFileError` naming the file and field. */
export function parseBackupFile(fileName: string, text: string): Promise<BackupFile> {
  return readFeedbackFile(fileName, text, {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    schema: backupFileSchema,
    checkIntegrity: true,
  });
}

const CODE_VERSION = 1;
const CHECK_BYTES = 5;
const ENTRY_BYTES = SECRET_BYTES + 3;
/** Most items one code holds (more: use the backup file). */
export const MAX_CODE_ITEMS = 255;

/**
 * The backup code of the exported items among `items` (at most {@link MAX_CODE_ITEMS}, the most
 * recently updated first), e.g. `0G2G8-…`. Returns null when no item has been exported.
 */
export async function buildBackupCode(items: readonly OutboxItem[]): Promise<string | null> {
  const chosen = items
    .filter((i) => i.status === 'exported')
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, MAX_CODE_ITEMS);
  if (chosen.length === 0) return null;
  const payload = new Uint8Array(2 + chosen.length * ENTRY_BYTES);
  payload[0] = CODE_VERSION;
  payload[1] = chosen.length;
  chosen.forEach((item, n) => {
    const at = 2 + n * ENTRY_BYTES;
    payload.set(fromBase64Url(item.secret)!, at);
    payload[at + SECRET_BYTES] = FEEDBACK_CATEGORIES.indexOf(item.category);
    payload[at + SECRET_BYTES + 1] = Number(item.week.slice(0, 4)) - 2000;
    payload[at + SECRET_BYTES + 2] = Number(item.week.slice(6));
  });
  const check = (await sha256(payload)).slice(0, CHECK_BYTES);
  const all = new Uint8Array(payload.length + CHECK_BYTES);
  all.set(payload);
  all.set(check, payload.length);
  return (toBase32(all).match(/.{1,5}/g) ?? []).join('-');
}

/** Why a backup code was refused. */
export type BackupCodeErrorCode = 'empty' | 'badChar' | 'length' | 'checksum' | 'version';

/** What the UI says for each code refusal. */
export const BACKUP_CODE_MESSAGES: Record<BackupCodeErrorCode, MessageKey> = {
  empty: 'feedback.backup.codeEmpty',
  badChar: 'feedback.backup.codeBadChar',
  length: 'feedback.backup.codeLength',
  checksum: 'feedback.backup.codeChecksum',
  version: 'feedback.backup.codeVersion',
};

/**
 * A refused backup code; for `badChar`, `position` is the 1-based place of the bad character in
 * the typed text and `char` the character (the message's `{position}` and `{char}`).
 */
export class BackupCodeError extends Error {
  readonly code: BackupCodeErrorCode;
  readonly position: number | null;
  readonly char: string | null;
  constructor(code: BackupCodeErrorCode, message: string, position: number | null = null, char: string | null = null) {
    super(message);
    this.name = 'BackupCodeError';
    this.code = code;
    this.position = position;
    this.char = char;
  }
}

/** What a backup code holds for one item. */
export interface CodeEntry {
  secret: string;
  category: (typeof FEEDBACK_CATEGORIES)[number];
  week: string;
}

/** Reads a backup code (forgiving case, spaces, hyphens, O/0 and I/L/1); throws {@link BackupCodeError}. */
export async function parseBackupCode(text: string): Promise<CodeEntry[]> {
  if (text.trim() === '') throw new BackupCodeError('empty', 'no code given');
  const decoded = fromBase32(text);
  if ('badAt' in decoded) {
    throw new BackupCodeError(
      'badChar',
      `“${decoded.char}” at position ${decoded.badAt + 1} is not part of a code`,
      decoded.badAt + 1,
      decoded.char,
    );
  }
  const bytes = decoded.bytes;
  const n = bytes[1] ?? 0;
  if (bytes.length !== 2 + n * ENTRY_BYTES + CHECK_BYTES || n === 0) {
    throw new BackupCodeError('length', 'the code is too short or too long: a group is missing or doubled');
  }
  const payload = bytes.slice(0, bytes.length - CHECK_BYTES);
  const check = toBase64Url((await sha256(payload)).slice(0, CHECK_BYTES));
  if (check !== toBase64Url(bytes.slice(bytes.length - CHECK_BYTES))) {
    throw new BackupCodeError('checksum', 'the code does not check out: a character is mistyped');
  }
  if (bytes[0] !== CODE_VERSION)
    throw new BackupCodeError('version', `code version ${bytes[0]} is not known to this Seatmate`);
  const out: CodeEntry[] = [];
  for (let k = 0; k < n; k++) {
    const at = 2 + k * ENTRY_BYTES;
    const category = FEEDBACK_CATEGORIES[bytes[at + SECRET_BYTES]!];
    const week = `${2000 + bytes[at + SECRET_BYTES + 1]!}-W${String(bytes[at + SECRET_BYTES + 2]!).padStart(2, '0')}`;
    if (!category || !isoWeekSchema.safeParse(week).success) {
      throw new BackupCodeError('version', `entry ${k + 1} is not readable by this Seatmate`);
    }
    out.push({ secret: toBase64Url(bytes.slice(at, at + SECRET_BYTES)), category, week });
  }
  return out;
}

/** What a restore adds to the outbox, and what it skipped as already there. */
export interface RestorePlan {
  add: OutboxItem[];
  alreadyHere: number;
}

/** Outbox items to add from a backup file (items whose id or secret is already here are skipped). */
export function restoreFromFile(existing: readonly OutboxItem[], file: BackupFile, now: number): RestorePlan {
  const ids = new Set(existing.map((i) => i.id));
  const secrets = new Set(existing.map((i) => i.secret));
  const plan: RestorePlan = { add: [], alreadyHere: 0 };
  for (const b of file.items) {
    if (ids.has(b.id) || secrets.has(b.secret)) {
      plan.alreadyHere++;
      continue;
    }
    ids.add(b.id);
    secrets.add(b.secret);
    plan.add.push(outboxItemSchema.parse({ ...b, createdAt: now, updatedAt: now, reply: null }));
  }
  return plan;
}

/**
 * Outbox items to add from a backup code: exported, `restored`, without text (the code keeps
 * the secret, not the words), each with a new local id. Secrets already here are skipped.
 */
export function restoreFromCode(
  existing: readonly OutboxItem[],
  entries: readonly CodeEntry[],
  ctx: { now: number; random: RandomSource },
): RestorePlan {
  const secrets = new Set(existing.map((i) => i.secret));
  const plan: RestorePlan = { add: [], alreadyHere: 0 };
  for (const e of entries) {
    if (secrets.has(e.secret)) {
      plan.alreadyHere++;
      continue;
    }
    secrets.add(e.secret);
    plan.add.push(
      outboxItemSchema.parse({
        id: randomUuid(ctx.random),
        category: e.category,
        text: '',
        article: null,
        severity: null,
        signedAs: null,
        secret: e.secret,
        status: 'exported',
        week: e.week,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        exportedWeek: null,
        restored: true,
        reply: null,
      }),
    );
  }
  return plan;
}
