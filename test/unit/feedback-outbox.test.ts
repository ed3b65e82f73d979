import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import {
  articleRefFor,
  backToDraft,
  editItem,
  markExported,
  markReady,
  newDraft,
  OutboxError,
  sortOutbox,
  withdrawItem,
} from '@/utils/feedback/outbox';
import {
  applyRestore,
  changeOutboxItem,
  deleteOutboxItem,
  exportOutbox,
  saveOutboxItem,
} from '@/utils/feedback/outbox-store';
import { buildBackupCode, parseBackupCode, restoreFromCode } from '@/utils/feedback/backup';
import { addWeeks, dayAt, isoWeekAt, isoWeekOfDay, weekRange, weeksBetween } from '@/utils/feedback/week';
import { CN_TZ, DAY, seededRandom, T0 } from '../fixtures/feedback';

describe('ISO weeks from a clock and a zone passed in', () => {
  it('puts the same instant in different weeks on each side of the date line, whatever the machine’s zone', () => {
    const sundayLateUtc = Date.UTC(2026, 2, 15, 20, 0); // Sunday 20:00 UTC = Monday 04:00 in China
    expect(isoWeekAt(sundayLateUtc, 0)).toBe('2026-W11');
    expect(isoWeekAt(sundayLateUtc, CN_TZ)).toBe('2026-W12');
    expect(isoWeekAt(sundayLateUtc, -300)).toBe('2026-W11');
    expect(dayAt(sundayLateUtc, CN_TZ)).toBe('2026-03-16');
  });

  it('handles year ends and 53-week years', () => {
    expect(isoWeekOfDay('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOfDay('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOfDay('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOfDay('2024-12-30')).toBe('2025-W01');
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
    expect(weeksBetween('2026-W50', '2027-W02')).toBe(5);
    expect(weekRange('2026-W52', '2027-W01')).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });
});

describe('outbox transitions', () => {
  const ctx = { now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(1) };

  it('starts anonymous, with a random id and secret and the current week', () => {
    const a = newDraft(ctx, 'tools');
    const b = newDraft(ctx, 'tools');
    expect(a).toMatchObject({ status: 'draft', signedAs: null, text: '', week: '2026-W11', category: 'tools' });
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('saves edits to a draft as it is typed, then ready, then exported (final)', () => {
    let item = newDraft(ctx);
    item = editItem(item, { text: '排班表下发太晚', category: 'schedule', severity: 'high' }, T0 + 1000);
    expect(item.updatedAt).toBe(T0 + 1000);
    item = markReady(item, { now: T0 + 8 * DAY, tzOffsetMinutes: CN_TZ });
    expect(item).toMatchObject({ status: 'ready', week: '2026-W12' });
    item = markExported(item, '2026-W12', T0 + 9 * DAY);
    expect(item.status).toBe('exported');
    expect(() => editItem(item, { text: 'changed' }, T0)).toThrow(OutboxError);
    expect(() => withdrawItem(item, T0)).toThrow(/exported/);
  });

  it('refuses an empty item as ready, and an edit that empties a ready item makes it a draft again', () => {
    const empty = newDraft(ctx);
    expect(() => markReady(editItem(empty, { text: '   ' }, T0), ctx)).toThrow(
      expect.objectContaining({ code: 'empty' }),
    );
    const ready = markReady(editItem(empty, { text: 'ok' }, T0), ctx);
    expect(editItem(ready, { text: '' }, T0).status).toBe('draft');
  });

  it('signs only when a name is given, and refuses a blank signature', () => {
    const item = editItem(newDraft(ctx), { text: 'x', signedAs: '  王小明 ' }, T0);
    expect(item.signedAs).toBe('王小明');
    expect(editItem(item, { signedAs: null }, T0).signedAs).toBeNull();
    expect(() => editItem(item, { signedAs: '  ' }, T0)).toThrow(/signedAs/);
  });

  it('withdraws a draft or ready item, and brings a withdrawn one back as a draft', () => {
    const w = withdrawItem(editItem(newDraft(ctx), { text: 'x' }, T0), T0);
    expect(w.status).toBe('withdrawn');
    expect(backToDraft(w, T0).status).toBe('draft');
    expect(() => markExported(w, '2026-W11', T0)).toThrow(/not ready/);
  });

  it('links team and sample articles, never a personal one', () => {
    expect(articleRefFor({ id: 'care/refund-zh', title: '退款政策', source: 'pack' })).toEqual({
      id: 'care/refund-zh',
      title: '退款政策',
    });
    expect(articleRefFor({ id: 'my-notes', title: '我的笔记', source: 'local' })).toBeNull();
  });

  it('lists drafts and ready items first, latest edit first', () => {
    const a = editItem(newDraft(ctx), { text: 'a' }, T0 + 1);
    const b = markExported(markReady(editItem(newDraft(ctx), { text: 'b' }, T0), ctx), '2026-W11', T0 + 5);
    const c = editItem(newDraft(ctx), { text: 'c' }, T0 + 2);
    expect(sortOutbox([a, b, c]).map((i) => i.text)).toEqual(['c', 'a', 'b']);
  });
});

describe('outbox store', () => {
  let db: SeatmateDb;
  let n = 0;
  beforeEach(async () => {
    db = new SeatmateDb(`outbox-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('keeps a draft across a reopen (nothing lost when the browser closes mid-sentence)', async () => {
    const draft = editItem(
      newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(2) }),
      { text: '写到一半' },
      T0,
    );
    await saveOutboxItem(db, draft);
    db.close();
    const again = new SeatmateDb(db.name);
    expect(await again.feedback.get(draft.id)).toEqual(draft);
    again.close();
    await db.open();
  });

  it('keeps a Withdraw made while the form still saves what was typed: the form’s later saves are refused', async () => {
    const draft = editItem(newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(4) }), { text: 'Ref' }, T0);
    await saveOutboxItem(db, draft);
    // The form's queue: each key typed is one save onto the stored item, then "Put in outbox".
    const typed = ['Refu', 'Refun', 'Refund'].map(
      (text, i) => () => changeOutboxItem(db, draft.id, (s) => editItem(s, { text }, T0 + 1_000 * (i + 1))),
    );
    await typed[0]!();
    // The agent withdraws it in the outbox list, which still shows an older version.
    const { before, after } = await changeOutboxItem(db, draft.id, (s) => withdrawItem(s, T0 + 1_500));
    expect(before.text).toBe('Refu');
    expect(after.status).toBe('withdrawn');
    for (const save of typed.slice(1)) await expect(save()).rejects.toMatchObject({ code: 'notEditable' });
    await expect(
      changeOutboxItem(db, draft.id, (s) => markReady(s, { now: T0 + 5_000, tzOffsetMinutes: CN_TZ })),
    ).rejects.toBeInstanceOf(OutboxError);
    const stored = await db.feedback.get(draft.id);
    expect([stored?.status, stored?.text, stored?.updatedAt]).toEqual(['withdrawn', 'Refu', T0 + 1_500]);
    // Undo puts back the version the Withdraw replaced.
    await saveOutboxItem(db, before);
    expect((await db.feedback.get(draft.id))?.status).toBe('draft');
  });

  it('changes only a stored item, and never its id', async () => {
    await expect(changeOutboxItem(db, 'not-there', (s) => s)).rejects.toMatchObject({ code: 'missing' });
    const draft = newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(5) });
    await saveOutboxItem(db, draft);
    const other = newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(6) });
    await expect(changeOutboxItem(db, draft.id, () => other)).rejects.toThrow(/may not change its id/);
    expect(await db.feedback.count()).toBe(1);
  });

  it('refuses an invalid item and writes nothing', async () => {
    const draft = newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(3) });
    await expect(saveOutboxItem(db, { ...draft, secret: 'short' })).rejects.toThrow();
    expect(await db.feedback.count()).toBe(0);
  });

  it('deletes a withdrawn item but never an exported one', async () => {
    const ctx = { now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(4) };
    const w = withdrawItem(editItem(newDraft(ctx), { text: 'x' }, T0), T0);
    const e = markExported(markReady(editItem(newDraft(ctx), { text: 'y' }, T0), ctx), '2026-W11', T0);
    await saveOutboxItem(db, w);
    await saveOutboxItem(db, e);
    await deleteOutboxItem(db, w.id);
    await expect(deleteOutboxItem(db, e.id)).rejects.toThrow(/exported/);
    expect((await db.feedback.toArray()).map((i) => i.id)).toEqual([e.id]);
  });
});

describe('exportOutbox and applyRestore (store)', () => {
  let db: SeatmateDb;
  let n = 0;
  beforeEach(async () => {
    db = new SeatmateDb(`outbox-export-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('marks the exported items and remembers share ids, so the next export reuses them', async () => {
    const random = seededRandom(41);
    const ctx = { now: T0, tzOffsetMinutes: CN_TZ, random };
    const item = markReady(editItem(newDraft(ctx), { text: '排班表下发太晚' }, T0), ctx);
    await saveOutboxItem(db, item);
    const mood = [{ week: '2026-W11', counts: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 } }];
    const first = await exportOutbox(db, { itemIds: [item.id], mood, now: T0 + 1, tzOffsetMinutes: CN_TZ, random });
    expect(await db.feedback.get(item.id)).toMatchObject({ status: 'exported', exportedWeek: '2026-W11' });
    expect(await db.feedbackShareIds.toArray()).toEqual([{ key: 'mood 2026-W11', id: first.doc.mood[0]!.id }]);
    const second = await exportOutbox(db, { itemIds: [], mood, now: T0 + 2, tzOffsetMinutes: CN_TZ, random });
    expect(second.doc.mood[0]!.id).toBe(first.doc.mood[0]!.id);
  });

  it('refuses to export a draft and writes nothing', async () => {
    const ctx = { now: T0, tzOffsetMinutes: CN_TZ, random: seededRandom(42) };
    const draft = editItem(newDraft(ctx), { text: 'x' }, T0);
    await saveOutboxItem(db, draft);
    await expect(
      exportOutbox(db, { itemIds: [draft.id], now: T0, tzOffsetMinutes: CN_TZ, random: ctx.random }),
    ).rejects.toThrow(/only ready items/);
    expect((await db.feedback.get(draft.id))?.status).toBe('draft');
    expect(await db.feedbackShareIds.count()).toBe(0);
  });

  it('adds restored items in one transaction', async () => {
    const random = seededRandom(43);
    const ctx = { now: T0, tzOffsetMinutes: CN_TZ, random };
    const exported = markExported(markReady(editItem(newDraft(ctx), { text: 'y' }, T0), ctx), '2026-W11', T0);
    const code = (await buildBackupCode([exported]))!;
    const plan = restoreFromCode(await db.feedback.toArray(), await parseBackupCode(code), { now: T0, random });
    await applyRestore(db, plan);
    expect((await db.feedback.toArray()).map((i) => [i.secret, i.restored])).toEqual([[exported.secret, true]]);
  });
});
