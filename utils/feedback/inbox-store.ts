import type { SeatmateDb } from '../db';
import { prepareImport, type ImportFile, type InboxStamp, type PreparedImport } from './inbox';
import { inboxItemSchema, inboxShareSchema, type InboxItem } from './inbox-records';

/**
 * The manager's inbox in Dexie: an import batch is read and checked whole, then written in one
 * transaction, or not at all.
 */

/**
 * Imports a batch of export files. Returns the refused files (nothing written) or the plan that
 * was written (new items, sections, duplicates, conflicts, per file).
 */
export async function importExportFiles(
  db: SeatmateDb,
  files: readonly ImportFile[],
  stamp: InboxStamp,
): Promise<PreparedImport> {
  const existing = { items: await db.inboxItems.toArray(), shares: await db.inboxShares.toArray() };
  const prepared = await prepareImport(files, existing, stamp);
  if (!prepared.ok) return prepared;
  const { plan } = prepared;
  await db.transaction('rw', db.inboxItems, db.inboxShares, async () => {
    // bulkAdd fails on an id that arrived meanwhile, and the whole transaction with it.
    await db.inboxItems.bulkAdd(plan.newItems);
    await db.inboxShares.bulkPut(plan.shares);
  });
  return prepared;
}

/** Applies a change (status, answer) to one inbox item in one transaction; returns the result. */
export async function updateInboxItem(
  db: SeatmateDb,
  id: string,
  change: (item: InboxItem) => InboxItem,
): Promise<InboxItem> {
  return db.transaction('rw', db.inboxItems, async () => {
    const item = await db.inboxItems.get(id);
    if (!item) throw new Error(`no inbox item ${id}`);
    const next = inboxItemSchema.parse(change(inboxItemSchema.parse(item)));
    await db.inboxItems.put(next);
    return next;
  });
}

/** Removes items from the inbox for good (e.g. after the team's retention period). */
export async function deleteInboxItems(db: SeatmateDb, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', db.inboxItems, () => db.inboxItems.bulkDelete([...ids]));
}

/** Validates every stored share (a damaged row is left out of charts rather than breaking them). */
export async function readInboxShares(db: SeatmateDb) {
  return (await db.inboxShares.toArray()).flatMap((s) => {
    const r = inboxShareSchema.safeParse(s);
    return r.success ? [r.data] : [];
  });
}
