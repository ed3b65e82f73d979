import type { Transaction } from 'dexie';
import { webCryptoRandom } from './random';
import { outboxItemSchema, type FeedbackCategory } from './records';
import { newItemSecret } from './reply-key';
import { isoWeekOfDay } from './week';

/**
 * Database version 5 for feedback. No released build wrote the version-1 `feedback` and
 * `replies` tables, but a row that exists is kept where it can be: an old item becomes an outbox
 * item of the new shape (category mapped, its day's ISO week, a fresh random secret). Its old
 * reply token is not kept: reply keys are now derived from the secret, and a token no secret
 * produces can never be matched. Old replies, keyed by such tokens, are dropped for the same
 * reason. A row that cannot be converted is deleted rather than left in a shape nothing reads.
 */

const OLD_CATEGORY: Record<string, FeedbackCategory> = {
  workload: 'workload',
  tools: 'tools',
  process: 'process',
  health: 'wellbeing',
  team: 'other',
  other: 'other',
};

const OLD_STATUS: Record<string, 'draft' | 'ready' | 'exported'> = {
  draft: 'draft',
  ready: 'ready',
  exported: 'exported',
  delivered: 'exported',
};

/** Converts one version-1 feedback row, or returns null when it cannot be. */
export function convertV1Feedback(row: Record<string, unknown>): ReturnType<typeof outboxItemSchema.parse> | null {
  const day = typeof row.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.day) ? row.day : null;
  if (!day) return null;
  const at = Date.parse(`${day}T00:00:00Z`);
  const r = outboxItemSchema.safeParse({
    id: row.id,
    category: OLD_CATEGORY[String(row.category)] ?? 'other',
    text: typeof row.text === 'string' ? row.text : '',
    article: null,
    severity: null,
    signedAs: null,
    secret: newItemSecret(webCryptoRandom),
    status: OLD_STATUS[String(row.status)] ?? 'draft',
    week: isoWeekOfDay(day),
    createdAt: Number.isFinite(at) ? at : 0,
    updatedAt: Number.isFinite(at) ? at : 0,
    exportedWeek: null,
    restored: false,
    reply: null,
  });
  return r.success ? r.data : null;
}

/** The version-5 upgrade (see the module comment). */
export async function upgradeFeedbackV5(tx: Transaction): Promise<void> {
  const table = tx.table('feedback');
  const rows = (await table.toArray()) as Array<Record<string, unknown>>;
  for (const row of rows) {
    const next = convertV1Feedback(row);
    if (next) await table.put(next);
    else await table.delete(row.id as string);
  }
  await tx.table('replies').clear();
}
