import { describe, expect, it } from 'vitest';
import { pageValueFieldsFor, sitePageValuesSchema } from '@/utils/console/page-values';
import { cleanPageValue, MAX_PAGE_VALUES, readPageValues } from '@/utils/console/page-values-read';
import { packConsoleSiteSchema } from '@/utils/kb/pack';
import { parseSettings, settingsPatchSchema } from '@/utils/settings';

const SITE = 'https://crm.example.com/*';
const PAGE: Record<string, string> = {
  '#order': '  SO-1\n 2 ',
  '#name': '王丽华',
  '#blank': '   ',
  '#long': 'x'.repeat(500),
};
const query = (selector: string) => {
  if (selector.includes('!')) throw new SyntaxError('bad selector');
  return PAGE[selector] ?? null;
};

describe('readPageValues', () => {
  it('reads each key’s text, cleaned and cut to 200 characters; notes what it could not read', () => {
    let t = 0;
    const out = readPageValues(
      [
        { key: 'orderNumber', selector: '#order' },
        { key: 'customerName', selector: '#name' },
        { key: 'customerName', selector: '#order' },
        { key: 'amount', selector: '#missing' },
        { key: 'date', selector: '#blank' },
        { key: 'note', selector: 'a!' },
        { key: 'long', selector: '#long' },
      ],
      query,
      () => t++,
    );
    expect(out.values).toEqual({ orderNumber: 'SO-1 2', customerName: '王丽华', long: 'x'.repeat(200) });
    expect(out.problems).toEqual([
      { key: 'amount', problem: 'not-found' },
      { key: 'date', problem: 'not-found' },
      { key: 'note', problem: 'invalid-selector' },
    ]);
  });

  it('stops at the time budget and at the maximum number of selectors', () => {
    let t = 0;
    const slow = readPageValues(
      [
        { key: 'a', selector: '#name' },
        { key: 'b', selector: '#name' },
        { key: 'c', selector: '#name' },
      ],
      query,
      () => (t += 30),
      50,
    );
    expect(Object.keys(slow.values)).toEqual(['a']);
    expect(slow.problems.map((p) => p.problem)).toEqual(['timeout', 'timeout']);
    let calls = 0;
    const many = Array.from({ length: MAX_PAGE_VALUES + 5 }, (_, i) => ({ key: `k${i}`, selector: '#name' }));
    readPageValues(
      many,
      (s) => {
        calls++;
        return query(s);
      },
      () => 0,
    );
    expect(calls).toBe(MAX_PAGE_VALUES);
  });

  it('cleans a value', () => {
    expect(cleanPageValue(' a \n\t b ')).toBe('a b');
  });
});

describe('pageValueFieldsFor', () => {
  const agent = [{ site: SITE, fields: [{ key: 'orderNumber', selector: '#mine' }] }];
  const packs = [
    {
      pattern: SITE,
      pageValues: [
        { key: 'orderNumber', selector: '#pack' },
        { key: 'customerName', selector: '#n' },
      ],
    },
    { pattern: 'https://other.example.com/*', pageValues: [{ key: 'amount', selector: '#a' }] },
  ];
  it('takes the agent’s mapping first, then the packs’, for the keys asked on a matching site', () => {
    expect(
      pageValueFieldsFor('https://crm.example.com/t/1', ['orderNumber', 'customerName', 'amount'], agent, packs),
    ).toEqual([
      { key: 'orderNumber', selector: '#mine' },
      { key: 'customerName', selector: '#n' },
    ]);
    expect(pageValueFieldsFor('https://crm.example.com/t/1', ['customerName'], agent, packs)).toEqual([
      { key: 'customerName', selector: '#n' },
    ]);
    expect(pageValueFieldsFor('https://elsewhere.example.com/', ['orderNumber'], agent, packs)).toEqual([]);
  });
});

describe('the settings and pack fields', () => {
  it('refuses a bad mapping with a located error and keeps the valid sites when reading', () => {
    const bad = settingsPatchSchema.safeParse({
      pageValues: [
        {
          site: SITE,
          fields: [
            { key: 'orderNumber', selector: 'a{}' },
            { key: '1x', selector: '#a' },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['pageValues.0.fields.0.selector', 'pageValues.0.fields.1.key']));
    const twice = sitePageValuesSchema.safeParse({
      site: SITE,
      fields: [
        { key: 'a', selector: '#a' },
        { key: 'a', selector: '#b' },
      ],
    });
    expect(twice.error?.issues[0]?.path).toEqual(['fields', 1, 'key']);
    const read = parseSettings({ pageValues: [{ site: SITE, fields: [{ key: 'a', selector: ' #a ' }] }, { site: 3 }] });
    expect(read.pageValues).toEqual([{ site: SITE, fields: [{ key: 'a', selector: '#a' }] }]);
  });

  it('lets a pack’s console site carry its mappings (none by default)', () => {
    expect(packConsoleSiteSchema.parse({ pattern: SITE }).pageValues).toEqual([]);
    expect(
      packConsoleSiteSchema.parse({ pattern: SITE, pageValues: [{ key: 'orderNumber', selector: '#o' }] }).pageValues,
    ).toEqual([{ key: 'orderNumber', selector: '#o' }]);
  });
});
