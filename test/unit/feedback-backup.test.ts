import { describe, expect, it } from 'vitest';
import {
  BackupCodeError,
  buildBackupCode,
  buildBackupFile,
  parseBackupCode,
  parseBackupFile,
  restoreFromCode,
  restoreFromFile,
} from '@/utils/feedback/backup';
import { markExported, withdrawItem, editItem, newDraft } from '@/utils/feedback/outbox';
import { replyKeyOf } from '@/utils/feedback/reply-key';
import { CN_TZ, readyItem, seededRandom, T0 } from '../fixtures/feedback';

const random = seededRandom(21);
const exported = [
  markExported(readyItem(random, { text: '排班表下发太晚', category: 'schedule' }), '2026-W11', T0),
  markExported(
    readyItem(random, { text: 'Headsets keep dropping', category: 'tools' }, T0 - 9 * 86_400_000),
    '2026-W11',
    T0 + 1,
  ),
];
const draft = editItem(newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random }), { text: '还没写完' }, T0);
const withdrawn = withdrawItem(editItem(newDraft({ now: T0, tzOffsetMinutes: CN_TZ, random }), { text: 'x' }, T0), T0);

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('backup file', () => {
  it('round-trips every item but the withdrawn ones, and restores only what is missing', async () => {
    const text = await buildBackupFile([...exported, draft, withdrawn]);
    const file = await parseBackupFile('backup.json', text);
    expect(file.items.map((i) => i.id)).toEqual([...exported, draft].map((i) => i.id));
    const plan = restoreFromFile([exported[0]!], file, T0 + 5);
    expect(plan.alreadyHere).toBe(1);
    expect(plan.add.map((i) => [i.id, i.secret, i.text, i.status])).toEqual([
      [exported[1]!.id, exported[1]!.secret, 'Headsets keep dropping', 'exported'],
      [draft.id, draft.secret, '还没写完', 'draft'],
    ]);
  });

  it('refuses an edited file', async () => {
    const doc = JSON.parse(await buildBackupFile(exported));
    doc.items[0].secret = 'AAAAAAAAAAAAAAAAAAAAAA';
    await expect(parseBackupFile('backup.json', JSON.stringify(doc))).rejects.toMatchObject({ code: 'integrity' });
  });
});

describe('backup code', () => {
  it('holds the exported items’ secrets, categories and weeks, and restores their reply keys', async () => {
    const code = (await buildBackupCode([...exported, draft, withdrawn]))!;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{1,5}(-[0-9A-HJKMNP-TV-Z]{1,5})+$/);
    const entries = await parseBackupCode(code);
    expect(entries.map((e) => e.category).sort()).toEqual(['schedule', 'tools']);
    const plan = restoreFromCode([], entries, { now: T0, random });
    expect(plan.add.every((i) => i.restored && i.status === 'exported' && i.text === '')).toBe(true);
    const restoredKeys = await Promise.all(plan.add.map((i) => replyKeyOf(i.secret)));
    const originalKeys = await Promise.all(exported.map((i) => replyKeyOf(i.secret)));
    expect(new Set(restoredKeys)).toEqual(new Set(originalKeys));
    expect(plan.add.map((i) => i.week).sort()).toEqual(exported.map((i) => i.week).sort());
    expect(restoreFromCode(plan.add, entries, { now: T0, random })).toMatchObject({ add: [], alreadyHere: 2 });
  });

  it('is null when nothing was exported', async () => {
    expect(await buildBackupCode([draft, withdrawn])).toBeNull();
  });

  it('forgives lower case, spaces, and O/I/L for 0/1', async () => {
    const code = (await buildBackupCode(exported))!;
    const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(await parseBackupCode(sloppy)).toEqual(await parseBackupCode(code));
  });

  it('never restores a wrong secret from a mistyped character (every position, every substitute)', async () => {
    const code = (await buildBackupCode(exported))!;
    const right = await parseBackupCode(code);
    let refused = 0;
    for (let i = 0; i < code.length; i++) {
      if (code[i] === '-') continue;
      for (const ch of CROCKFORD) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        try {
          // Only the padding bits of the last character may change without effect.
          expect(await parseBackupCode(typo)).toEqual(right);
          expect(i).toBe(code.length - 1);
        } catch (e) {
          if (!(e instanceof BackupCodeError)) throw e;
          expect(['checksum', 'length', 'version']).toContain(e.code);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(code.replace(/-/g, '').length * 28);
  });

  it('refuses a missing group, a stray character and an empty code, saying where', async () => {
    const code = (await buildBackupCode(exported))!;
    const groups = code.split('-');
    await expect(parseBackupCode(groups.slice(1).join('-'))).rejects.toMatchObject({ code: 'length' });
    await expect(parseBackupCode(code.slice(0, 3) + 'U' + code.slice(4))).rejects.toMatchObject({
      code: 'badChar',
      position: 4,
      char: 'U',
    });
    await expect(parseBackupCode('   ')).rejects.toMatchObject({ code: 'empty' });
  });
});
