import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { teamPackSchema } from '@/utils/kb/pack';
import { parsePolicy } from '@/utils/settings';
import { formatZodIssues } from '@/utils/validation';
import { PROMPT_KINDS } from '@/utils/wellbeing/catalogue';

const example: unknown = JSON.parse(readFileSync('docs/team-pack.example.json', 'utf8'));

describe('docs/team-pack.example.json', () => {
  it('is a valid team pack with every part documented', () => {
    const parsed = teamPackSchema.safeParse(example);
    expect(parsed.success ? '' : formatZodIssues(parsed.error)).toBe('');
    const pack = parsed.data!;
    expect(new Set(pack.articles.map((a) => a.lang))).toEqual(new Set(['zh-CN', 'en']));
    expect(pack.articles.length).toBeGreaterThanOrEqual(2);
    expect(pack.consoleSites[0]?.pageRules.length).toBeGreaterThan(0);
    expect(pack.wellbeing?.intervalsMinutes.eyes).toBeDefined();
    expect(pack.feedback?.deliverUrl).toMatch(/^https:\/\//);
    expect(pack.replies).toHaveLength(1);
  });

  it('is described field by field in docs/team-packs.md', () => {
    const doc = readFileSync('docs/team-packs.md', 'utf8');
    const fields = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, child] of Object.entries(v)) {
          // Keys of intervalsMinutes and prompts are wellbeing kinds, documented as a list rather than as fields.
          if (!(PROMPT_KINDS as readonly string[]).includes(k)) fields.add(k);
          walk(child);
        }
      }
    };
    walk(example);
    const missing = [...fields].filter((f) => !doc.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });
});

describe('policy packUrls', () => {
  it('keeps valid https addresses once and reports the others by index', () => {
    const { policy, problems } = parsePolicy({
      packUrls: ['https://kb.example.com/a.json', 'http://kb.example.com/b.json', 'https://kb.example.com/a.json', 7],
    });
    expect(policy.packUrls).toEqual(['https://kb.example.com/a.json']);
    expect(problems).toEqual([
      'packUrls[1]: use an https:// address (http:// only for localhost)',
      'packUrls[3]: expected a URL',
    ]);
    expect(parsePolicy({ packUrls: 'https://kb.example.com/a.json' }).problems).toEqual([
      'packUrls: expected a list of https:// addresses',
    ]);
  });
});
