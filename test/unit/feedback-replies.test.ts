import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { buildFeedbackExport } from '@/utils/feedback/export';
import { digestOf } from '@/utils/feedback/integrity';
import { addAnswer, planImport, setStatus } from '@/utils/feedback/inbox';
import { buildRepliesFile, packReplyFields } from '@/utils/feedback/inbox-export';
import type { InboxItem } from '@/utils/feedback/inbox-records';
import { markExported } from '@/utils/feedback/outbox';
import { applyPublishedReplies, saveOutboxItem } from '@/utils/feedback/outbox-store';
import type { OutboxItem } from '@/utils/feedback/records';
import {
  fromPackReplies,
  fromRepliesFile,
  parseRepliesFile,
  type PublishedReplies,
} from '@/utils/feedback/replies-format';
import { matchReplies, replyWrites, unreadCount } from '@/utils/feedback/replies-match';
import { newItemSecret, replyKeyOf, replyKeysOf } from '@/utils/feedback/reply-key';
import { teamPackSchema } from '@/utils/kb/pack';
import { CN_TZ, DAY, readyItem, seededRandom, T0 } from '../fixtures/feedback';

const random = seededRandom(11);
const stamp = (days: number) => ({
  now: T0 + days * DAY,
  today: `2026-03-${String(11 + days).padStart(2, '0')}`,
  random,
});

/** Two agents export; a manager imports both, answers one item of each and starts on another. */
async function scenario() {
  const exported = (items: OutboxItem[]) => items.map((i) => markExported(i, '2026-W11', T0));
  const alice = exported([
    readyItem(random, { text: '排班表下发太晚', category: 'schedule' }),
    readyItem(random, { text: '耳机经常断线', category: 'tools' }),
  ]);
  const bob = exported([readyItem(random, { text: 'Refund macro is outdated', category: 'kbGap' })]);
  const files = [];
  for (const items of [alice, bob]) {
    const built = await buildFeedbackExport({ items, shareIds: new Map(), now: T0, tzOffsetMinutes: CN_TZ, random });
    files.push({ name: built.fileName, doc: built.doc });
  }
  const plan = planImport({ items: [], shares: [] }, files, stamp(0));
  const byText = (t: string) => plan.newItems.find((i) => i.text === t)!;
  const inbox: InboxItem[] = [
    addAnswer(byText('排班表下发太晚'), '下周起排班表提前两周发布。', stamp(2)),
    setStatus(byText('耳机经常断线'), 'in_progress', stamp(1)),
    addAnswer(byText('Refund macro is outdated'), 'Fixed, thanks.', stamp(4)),
  ];
  return { alice, bob, inbox };
}

describe('reply keys', () => {
  it('are an HMAC of the secret: stable, 43 URL-safe characters, unlinkable between items', async () => {
    const a = newItemSecret(random);
    const b = newItemSecret(random);
    expect(await replyKeyOf(a)).toBe(await replyKeyOf(a));
    expect(await replyKeyOf(a)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await replyKeyOf(a)).not.toBe(await replyKeyOf(b));
    expect(await replyKeyOf(a)).not.toContain(a);
    await expect(replyKeyOf('not-a-secret')).rejects.toThrow(/secret/);
  });
});

describe('published replies reach only their writer', () => {
  it('through a replies file: each agent sees their own statuses and answers, and nobody else’s', async () => {
    const { alice, bob, inbox } = await scenario();
    const file = await buildRepliesFile(inbox, { today: '2026-03-16', publisher: 'Care team leads' });
    expect(file.fileName).toBe('seatmate-replies-2026-03-16.json');
    expect(file.json).not.toMatch(/排班表下发太晚|Refund macro/); // no item text is published
    const published = fromRepliesFile(await parseRepliesFile(file.fileName, file.json));

    const aliceView = matchReplies(await replyKeysOf(alice), [published]);
    expect(aliceView.items.map((s) => [s.itemId, s.status, s.answers.map((a) => a.body)])).toEqual(
      expect.arrayContaining([
        [alice[0]!.id, 'answered', ['下周起排班表提前两周发布。']],
        [alice[1]!.id, 'in_progress', []],
      ]),
    );
    expect(aliceView.items).toHaveLength(2);
    expect(aliceView.items.flatMap((s) => s.answers.map((a) => a.body))).not.toContain('Fixed, thanks.');

    const bobView = matchReplies(await replyKeysOf(bob), [published]);
    expect(bobView.items.map((s) => [s.status, s.answers.map((a) => a.body)])).toEqual([
      ['answered', ['Fixed, thanks.']],
    ]);
    expect(bobView.loop).toEqual({ items: 3, answered: 2, answeredShare: 0.667, medianDaysToAnswer: 3 });

    expect(matchReplies(new Map(), [published]).items).toEqual([]);
  });

  it('through the team pack: the reply fields validate in a pack and match the same way', async () => {
    const { alice, inbox } = await scenario();
    const pack = teamPackSchema.parse({
      schemaVersion: 1,
      id: 'care',
      name: 'Care',
      version: '1',
      ...packReplyFields(inbox),
    });
    const matched = matchReplies(await replyKeysOf(alice), [fromPackReplies(pack)]);
    expect(matched.items.map((s) => s.status).sort()).toEqual(['answered', 'in_progress']);
    expect(matched.loop?.answered).toBe(2);
  });

  it('reads a pack from before reply statuses (answers only, old-style tokens skipped)', () => {
    const pack = teamPackSchema.parse({
      schemaVersion: 1,
      id: 'care',
      name: 'Care',
      version: '1',
      replies: [{ id: 'r1', replyToken: 'q7Jx2mLp9RfT4vWz', body: 'Thanks', day: '2026-03-02' }],
    });
    expect(pack.replyStatuses).toEqual([]);
    expect(fromPackReplies(pack)).toEqual({ replies: [], statuses: [], loop: null, publishedOn: null });
  });

  it('merges sources: the latest status wins, an answer without a status counts as answered', async () => {
    const secret = newItemSecret(random);
    const key = await replyKeyOf(secret);
    const own = new Map([[key, 'item-1']]);
    const older: PublishedReplies = {
      statuses: [{ replyKey: key, status: 'in_progress', day: '2026-03-12' }],
      replies: [],
      loop: null,
      publishedOn: '2026-03-12',
    };
    const newer: PublishedReplies = {
      statuses: [],
      replies: [{ id: 'a1', replyKey: key, body: 'Done', day: '2026-03-14' }],
      loop: null,
      publishedOn: '2026-03-14',
    };
    expect(matchReplies(own, [older, newer]).items[0]).toMatchObject({ status: 'answered', day: '2026-03-14' });
    expect(matchReplies(own, [older]).items[0]).toMatchObject({ status: 'in_progress', day: '2026-03-12' });
  });

  it('stores new answers unread, skips unchanged ones, and flags a changed answer unread again', async () => {
    const { alice, inbox } = await scenario();
    const published = fromRepliesFile(
      await parseRepliesFile('r.json', (await buildRepliesFile(inbox, { today: '2026-03-16' })).json),
    );
    const matched = matchReplies(await replyKeysOf(alice), [published]);
    const first = replyWrites(alice, [], matched);
    expect(first.items.map((i) => i.reply?.status).sort()).toEqual(['answered', 'in_progress']);
    expect(first.replies).toHaveLength(1);
    expect(unreadCount(first.replies)).toBe(1);
    const read = first.replies.map((r) => ({ ...r, read: true }));
    expect(replyWrites(first.items, read, matched)).toEqual({ items: [], replies: [] });
    const edited = {
      ...matched,
      items: matched.items.map((s) => ({
        ...s,
        answers: s.answers.map((a) => ({ ...a, body: a.body + '（已更新）' })),
      })),
    };
    expect(replyWrites(first.items, read, edited).replies.map((r) => r.read)).toEqual([false]);
  });
});

describe('parseRepliesFile refuses malformed and tampered files', () => {
  it('an edited answer, an added field and a duplicated key are each refused, located', async () => {
    const { inbox } = await scenario();
    const { json } = await buildRepliesFile(inbox, { today: '2026-03-16' });
    const edited = JSON.parse(json);
    edited.replies[0].body = 'We will never fix this.';
    await expect(parseRepliesFile('r.json', JSON.stringify(edited))).rejects.toMatchObject({
      code: 'integrity',
      file: 'r.json',
    });

    const extra = JSON.parse(json);
    extra.statuses[0].itemText = 'leaked';
    extra.integrity = await digestOf(extra);
    await expect(parseRepliesFile('r.json', JSON.stringify(extra))).rejects.toMatchObject({
      code: 'invalid',
      detail: expect.stringMatching(/^statuses\[0\]/),
    });

    const dup = JSON.parse(json);
    dup.statuses.push(dup.statuses[0]);
    dup.integrity = await digestOf(dup);
    await expect(parseRepliesFile('r.json', JSON.stringify(dup))).rejects.toMatchObject({
      detail: expect.stringMatching(/statuses\[3\]\.replyKey: listed twice/),
    });
    await expect(parseRepliesFile('r.json', json.replace('seatmate-feedback-replies', 'x'))).rejects.toMatchObject({
      code: 'format',
    });
  });
});

describe('applyPublishedReplies (store)', () => {
  let db: SeatmateDb;
  let n = 0;
  beforeEach(async () => {
    db = new SeatmateDb(`replies-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('stores the agent’s own answers and statuses only', async () => {
    const { alice, inbox } = await scenario();
    for (const item of alice) await saveOutboxItem(db, item);
    const published = fromRepliesFile(
      await parseRepliesFile('r.json', (await buildRepliesFile(inbox, { today: '2026-03-16' })).json),
    );
    await applyPublishedReplies(db, [published]);
    expect((await db.replies.toArray()).map((r) => r.body)).toEqual(['下周起排班表提前两周发布。']);
    expect((await db.feedback.get(alice[1]!.id))?.reply).toEqual({ status: 'in_progress', day: '2026-03-12' });
  });
});
