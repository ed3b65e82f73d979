import { describe, expect, it } from 'vitest';
import sample from '@/assets/demo/sample-kb.json';
import { sampleKbSchema } from '@/utils/kb/article';
import { createKbIndex } from '@/utils/kb/search';

describe('bundled sample knowledge base', () => {
  const kb = sampleKbSchema.parse(sample);

  it('has unique ids and every topic in both languages', () => {
    const ids = kb.articles.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stems = (lang: string) =>
      kb.articles
        .filter((a) => a.lang === lang)
        .map((a) => a.id.replace(/-(zh|en)$/, ''))
        .sort();
    expect(stems('zh-CN')).toEqual(stems('en'));
    expect(stems('en').length).toBeGreaterThanOrEqual(8);
  });

  it('uses only the known placeholders', () => {
    const known = new Set(['customerName', 'agentName', 'orderNumber', 'amount', 'date']);
    for (const a of kb.articles) {
      for (const m of a.body.matchAll(/\{\{(\w+)\}\}/g)) expect(known.has(m[1]!), `${a.id}: ${m[1]}`).toBe(true);
    }
  });

  it('declares only placeholders its text uses, and shows every new field somewhere', () => {
    for (const a of kb.articles) {
      const text = JSON.stringify([a.body, a.replies, a.notes, a.steps]);
      for (const p of a.placeholders) expect(text.includes(`{{${p.key}}}`), `${a.id}: ${p.key}`).toBe(true);
    }
    const kinds = new Set(kb.articles.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['faq', 'policy', 'reply', 'script']);
    expect(kb.articles.some((a) => a.steps.some((s) => s.lines.some((l) => l.mustSay)))).toBe(true);
    expect(kb.articles.every((a) => a.category !== '' && a.keywords.length > 0)).toBe(true);
  });

  it('finds the refund script from Chinese and English queries', () => {
    const index = createKbIndex(kb.articles);
    expect(index.search('退款')[0]?.id).toBe('refund-policy-zh');
    expect(index.search('refund')[0]?.id).toBe('refund-policy-en');
    expect(index.search('tkzc')[0]?.id).toBe('refund-policy-zh');
    expect(index.search('refnud')[0]?.id).toBe('refund-policy-en');
  });
});
