import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBackupCode, parseBackupFile } from '@/utils/feedback/backup';
import { parseFeedbackExport } from '@/utils/feedback/export-format';
import { parseRepliesFile } from '@/utils/feedback/replies-format';
import { replyKeyOf } from '@/utils/feedback/reply-key';

const doc = readFileSync('docs/feedback-format.md', 'utf8');
const blocks = [...doc.matchAll(/```json\n([^]*?)\n```/g)].map((m) => m[1]!);

describe('docs/feedback-format.md', () => {
  it('shows a valid export, replies file and backup file (digests included)', async () => {
    expect(blocks).toHaveLength(3);
    const exported = await parseFeedbackExport('example', blocks[0]!);
    const replies = await parseRepliesFile('example', blocks[1]!);
    const backup = await parseBackupFile('example', blocks[2]!);
    // The examples belong together: the backed-up item's secret yields a key that was answered.
    const key = await replyKeyOf(backup.items[0]!.secret);
    expect(exported.items.map((i) => i.replyKey)).toContain(key);
    expect(replies.replies.map((r) => r.replyKey)).toContain(key);
  });

  it('shows a valid backup code for the backed-up item', async () => {
    const code = doc.match(/```\n([0-9A-Z-]+)\n```/)?.[1];
    const entries = await parseBackupCode(code ?? '');
    const backup = await parseBackupFile('example', blocks[2]!);
    expect(entries.map((e) => e.secret)).toEqual([backup.items[0]!.secret]);
  });

  it('describes every export field', async () => {
    const fields = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, child] of Object.entries(v)) {
          if (!/^\d$/.test(k)) fields.add(k);
          walk(child);
        }
    };
    walk(JSON.parse(blocks[0]!));
    walk(JSON.parse(blocks[1]!));
    expect([...fields].filter((f) => !doc.includes(`\`${f}\``) && !doc.includes(`\`${f}[]\``))).toEqual([]);
  });
});
