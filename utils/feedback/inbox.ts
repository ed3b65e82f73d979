import { canonicalJson } from './encoding';
import { parseFeedbackExport, type ExportItem, type FeedbackExport } from './export-format';
import { FeedbackFileError } from './file-errors';
import { inboxItemSchema, inboxShareSchema, type InboxItem, type InboxShare, type InboxStatus } from './inbox-records';
import { randomUuid, type RandomSource } from './random';
import { MOOD_LEVELS } from './records';

/**
 * The manager's inbox as pure steps: read a batch of export files, plan what is new, and change
 * an item's status or answers. The store writes a plan in one transaction.
 *
 * **Import is all-or-nothing per batch.** Every file of a batch is read and checked first; if any
 * one is malformed or tampered with, the batch imports nothing and the errors name each refused
 * file (and the field). The manager removes or replaces that file and imports again. A batch
 * never half-lands, so "what was new" is always the whole truth about one import.
 *
 * Dedupe is by item id: an item already in the inbox (or earlier in the batch) is counted as a
 * duplicate. A copy whose content differs from the one kept is a conflict: the kept copy stays
 * and the conflict is reported (an exported item never changes, so a different copy was edited).
 * Sections (mood, KB gaps) are deduped by their share id; of two copies, the one with the larger
 * total is kept (a later export of the same agent's week has counted more).
 */

/** One file handed to the import (name as the manager sees it, text as read). */
export interface ImportFile {
  name: string;
  text: string;
}

/** What one file of a batch brought. */
export interface FileSummary {
  name: string;
  items: number;
  newItems: number;
  duplicates: number;
  conflicts: number;
  sections: number;
}

/** What an import will write, and what it found. */
export interface ImportPlan {
  /** Items not in the inbox before (to add). */
  newItems: InboxItem[];
  /** Sections to add or replace. */
  shares: InboxShare[];
  /** Item ids already present with different content (the kept copy stays). */
  conflicts: Array<{ file: string; id: string }>;
  duplicates: number;
  files: FileSummary[];
}

/** The outcome of preparing an import: a plan, or the refused files (then nothing is imported). */
export type PreparedImport = { ok: true; plan: ImportPlan } | { ok: false; errors: FeedbackFileError[] };

/** Called after each file of a batch is checked: `done` of `total` files. */
export type ImportProgress = (done: number, total: number) => void;

/**
 * Reads every file of a batch (all of them, so every refusal is reported at once), calling
 * `onProgress` after each file.
 */
export async function readExportBatch(
  files: readonly ImportFile[],
  onProgress?: ImportProgress,
): Promise<{ docs: Array<{ name: string; doc: FeedbackExport }>; errors: FeedbackFileError[] }> {
  const docs: Array<{ name: string; doc: FeedbackExport }> = [];
  const errors: FeedbackFileError[] = [];
  for (const [n, f] of files.entries()) {
    try {
      docs.push({ name: f.name, doc: await parseFeedbackExport(f.name, f.text) });
    } catch (e) {
      if (e instanceof FeedbackFileError) errors.push(e);
      else throw e;
    }
    onProgress?.(n + 1, files.length);
  }
  return { docs, errors };
}

/** The part of an item that comes from the agent (what a duplicate must equal). */
function content(i: ExportItem): string {
  return canonicalJson({ ...i, signedBy: i.signedBy ?? null });
}

function exportPart(i: InboxItem): ExportItem {
  const { status: _s, receivedAt: _r, statusAt: _a, statusDay: _d, answers: _n, ...rest } = i;
  return rest;
}

function shareTotal(s: InboxShare): number {
  return s.kind === 'mood'
    ? MOOD_LEVELS.reduce((n, l) => n + s.counts[l], 0)
    : s.misses.reduce((n, m) => n + m.count, 0) + s.withheld;
}

/**
 * Plans the import of parsed export files into an inbox holding `existing` items and shares.
 * `now` and `today` (the manager's local day) stamp new items.
 */
export function planImport(
  existing: { items: readonly InboxItem[]; shares: readonly InboxShare[] },
  docs: ReadonlyArray<{ name: string; doc: FeedbackExport }>,
  stamp: { now: number; today: string },
): ImportPlan {
  const known = new Map(existing.items.map((i) => [i.id, content(exportPart(i))]));
  const shares = new Map(existing.shares.map((s) => [s.id, s]));
  const plan: ImportPlan = { newItems: [], shares: [], conflicts: [], duplicates: 0, files: [] };
  const changedShares = new Map<string, InboxShare>();
  for (const { name, doc } of docs) {
    const summary: FileSummary = {
      name,
      items: doc.items.length,
      newItems: 0,
      duplicates: 0,
      conflicts: 0,
      sections: 0,
    };
    for (const item of doc.items) {
      const have = known.get(item.id);
      if (have !== undefined) {
        if (have === content(item)) summary.duplicates++;
        else {
          summary.conflicts++;
          plan.conflicts.push({ file: name, id: item.id });
        }
        continue;
      }
      known.set(item.id, content(item));
      summary.newItems++;
      plan.newItems.push(
        inboxItemSchema.parse({
          ...item,
          status: 'new',
          receivedAt: stamp.now,
          statusAt: stamp.now,
          statusDay: stamp.today,
          answers: [],
        }),
      );
    }
    const incoming: InboxShare[] = [
      ...doc.mood.map((m) => inboxShareSchema.parse({ ...m, kind: 'mood' })),
      ...doc.kbGaps.map((g) => inboxShareSchema.parse({ ...g, kind: 'kbGaps' })),
    ];
    for (const s of incoming) {
      const prev = shares.get(s.id);
      if (prev && (prev.kind !== s.kind || prev.week !== s.week || shareTotal(prev) >= shareTotal(s))) continue;
      shares.set(s.id, s);
      changedShares.set(s.id, s);
      summary.sections++;
    }
    plan.duplicates += summary.duplicates;
    plan.files.push(summary);
  }
  plan.shares = [...changedShares.values()];
  return plan;
}

/** Reads and plans a batch; any refused file refuses the whole batch (see the module comment). */
export async function prepareImport(
  files: readonly ImportFile[],
  existing: { items: readonly InboxItem[]; shares: readonly InboxShare[] },
  stamp: { now: number; today: string },
  onProgress?: ImportProgress,
): Promise<PreparedImport> {
  const { docs, errors } = await readExportBatch(files, onProgress);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, plan: planImport(existing, docs, stamp) };
}

/** The clock a manager's change needs: `now` (ms) and `today` (the manager's local day). */
export interface InboxStamp {
  now: number;
  today: string;
}

/** The item with a new status. Setting `answered` needs an answer (use {@link addAnswer}). */
export function setStatus(item: InboxItem, status: InboxStatus, stamp: InboxStamp): InboxItem {
  if (status === 'answered' && item.answers.length === 0) throw new Error('write an answer first');
  if (status === item.status) return item;
  return inboxItemSchema.parse({ ...item, status, statusAt: stamp.now, statusDay: stamp.today });
}

/** The item with a new answer; its status becomes answered. */
export function addAnswer(item: InboxItem, body: string, stamp: InboxStamp & { random: RandomSource }): InboxItem {
  const answer = { id: randomUuid(stamp.random), body: body.trim(), day: stamp.today, at: stamp.now };
  return inboxItemSchema.parse({
    ...item,
    answers: [...item.answers, answer],
    status: 'answered',
    statusAt: stamp.now,
    statusDay: stamp.today,
  });
}

/** The item with one answer's text changed (its day becomes today, so agents see it anew). */
export function editAnswer(item: InboxItem, answerId: string, body: string, stamp: InboxStamp): InboxItem {
  if (!item.answers.some((a) => a.id === answerId)) throw new Error(`no answer ${answerId}`);
  return inboxItemSchema.parse({
    ...item,
    answers: item.answers.map((a) => (a.id === answerId ? { ...a, body: body.trim(), day: stamp.today } : a)),
  });
}

/** The item without one answer; with none left, an answered item goes back to in progress. */
export function removeAnswer(item: InboxItem, answerId: string, stamp: InboxStamp): InboxItem {
  const answers = item.answers.filter((a) => a.id !== answerId);
  const reopen = answers.length === 0 && item.status === 'answered';
  return inboxItemSchema.parse({
    ...item,
    answers,
    ...(reopen ? { status: 'in_progress', statusAt: stamp.now, statusDay: stamp.today } : {}),
  });
}
