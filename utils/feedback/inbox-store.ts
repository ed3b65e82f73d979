import type { SeatmateDb } from '../db';
import { prepareImport, type ImportFile, type ImportProgress, type InboxStamp, type PreparedImport } from './inbox';
import { inboxItemSchema, inboxShareSchema, type InboxItem, type InboxShare } from './inbox-records';

/**
 * The manager's inbox in Dexie: an import batch is read and checked whole, then written in one
 * transaction, or not at all.
 */

/**
 * Imports a batch of export files. Returns the refused files (nothing written) or the plan that
 * was written (new items, sections, duplicates, conflicts, per file). `onProgress` is called as
 * each file has been checked (the write comes after the last).
 */
export async function importExportFiles(
  db: SeatmateDb,
  files: readonly ImportFile[],
  stamp: InboxStamp,
  onProgress?: ImportProgress,
): Promise<PreparedImport> {
  const existing = { items: await db.inboxItems.toArray(), shares: await db.inboxShares.toArray() };
  const prepared = await prepareImport(files, existing, stamp, onProgress);
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

/** Validates every stored share (a damaged row is left out of charts rather than breaking them). */
export async function readInboxShares(db: SeatmateDb) {
  return (await db.inboxShares.toArray()).flatMap((s) => {
    const r = inboxShareSchema.safeParse(s);
    return r.success ? [r.data] : [];
  });
}

/** What {@link clearInbox} removed, for Undo. */
export interface ClearedInbox {
  items: InboxItem[];
  shares: InboxShare[];
}

/** Empties the inbox (items and sections) in one transaction; returns what was removed. */
export async function clearInbox(db: SeatmateDb): Promise<ClearedInbox> {
  return db.transaction('rw', db.inboxItems, db.inboxShares, async () => {
    const cleared = { items: await db.inboxItems.toArray(), shares: await db.inboxShares.toArray() };
    await db.inboxItems.clear();
    await db.inboxShares.clear();
    return cleared;
  });
}

/**
 * Puts back what {@link clearInbox} removed (Undo). Rows imported since are kept; a row removed
 * and imported again keeps the copy that is there now (its status may have moved on).
 */
export async function restoreInbox(db: SeatmateDb, cleared: ClearedInbox): Promise<number> {
  const items = cleared.items.map((i) => inboxItemSchema.parse(i));
  const shares = cleared.shares.map((s) => inboxShareSchema.parse(s));
  return db.transaction('rw', db.inboxItems, db.inboxShares, async () => {
    const here = new Set((await db.inboxItems.toCollection().primaryKeys()) as string[]);
    const sharesHere = new Set((await db.inboxShares.toCollection().primaryKeys()) as string[]);
    const back = items.filter((i) => !here.has(i.id));
    await db.inboxItems.bulkAdd(back);
    await db.inboxShares.bulkAdd(shares.filter((s) => !sharesHere.has(s.id)));
    return back.length;
  });
}
