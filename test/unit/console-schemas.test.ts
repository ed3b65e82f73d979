import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { loadConsoleSettings } from '@/entrypoints/console.content/console-io';
import { parseConsoleMessage, parseConsoleResponse, type ConsoleOutgoing } from '@/utils/console/console-messages';
import { consoleSettingsFrom } from '@/utils/console/console-settings';
import { hotkeyInForce, hotkeySchema, readHotkey } from '@/utils/console/hotkey-schema';
import { pageRuleSchema, siteRulesSchema } from '@/utils/console/page-rule';
import { parseMessage, parseResponse } from '@/utils/messages';
import { effectiveSettings, parsePolicy, parseSettings } from '@/utils/settings';
import { settingsItem } from '@/utils/settings-store';

/**
 * The schemas the console content script shares with the rest of the extension (valibot, defined
 * once in utils/console/): what each accepts, what it gives, what it refuses. The content script
 * reads with them directly; utils/messages.ts and utils/settings.ts embed the same schemas, so the
 * message samples are also checked through `parseMessage`/`parseResponse`.
 *
 * Each sample is `[input, expected]`: `SAME` accepted as it is, `null` refused, else the value it
 * gives (selectors trimmed, unknown keys dropped).
 */
const SAME = Symbol('accepted as it is');
type Expect = typeof SAME | null | object;
type Sample = readonly [unknown, Expect];

const expected = ([raw, want]: Sample): unknown => (want === SAME ? raw : want);

const goodRule = { selector: '#status', textPattern: '通话中|Talking', state: 'talk' };
const rules: Sample[] = [
  [goodRule, SAME],
  [
    { selector: '  .state  ', state: 'hold' },
    { selector: '.state', state: 'hold' },
  ],
  [{ selector: '.x', state: 'other', code: 'qa-review' }, SAME],
  [{ selector: '.x', state: 'other', code: 'QA' }, null],
  [{ selector: '.x', state: 'other' }, null],
  [{ selector: '.x', state: 'talk', code: 'away' }, null],
  [{ selector: '.x', state: 'talk', code: undefined }, SAME],
  [{ selector: '.x', state: 'ringing' }, null],
  [{ selector: '', state: 'talk' }, null],
  [{ selector: '   ', state: 'talk' }, null],
  [{ selector: 'a{color:red}', state: 'talk' }, null],
  [{ selector: 'x'.repeat(300), state: 'acw' }, SAME],
  [{ selector: 'x'.repeat(301), state: 'acw' }, null],
  [
    { selector: ` ${'x'.repeat(300)} `, state: 'acw' },
    { selector: 'x'.repeat(300), state: 'acw' },
  ],
  [{ selector: '.x', textPattern: '(', state: 'talk' }, null],
  [{ selector: '.x', textPattern: '\\p{Script=Han}', state: 'talk' }, SAME],
  [{ selector: '.x', textPattern: 'y'.repeat(201), state: 'talk' }, null],
  [{ selector: '.x', textPattern: 3, state: 'talk' }, null],
  [{ selector: 7, state: 'talk' }, null],
  [
    { selector: '.x', state: 'break', extra: 'dropped' },
    { selector: '.x', state: 'break' },
  ],
  [[], null],
  [null, null],
  ['rule', null],
];

/** The same rule samples, each inside `wrap` (refused when the rule is). */
const wrapped = (wrap: (rule: unknown) => Record<string, unknown>): Sample[] =>
  rules.map(([rule, want]) => [wrap(rule), want === null ? null : wrap(expected([rule, want]))]);

const insertA = { type: 'console/insert', text: 'a' };
const messages: Sample[] = [
  [{ type: 'console/close-overlay', restoreFocus: true }, SAME],
  [{ type: 'console/close-overlay', restoreFocus: 'yes' }, null],
  [{ type: 'console/close-overlay' }, null],
  [{ type: 'console/insert', text: '您好' }, SAME],
  [{ type: 'console/insert', text: '' }, null],
  [{ type: 'console/insert', text: 'x'.repeat(50_000) }, SAME],
  [{ type: 'console/insert', text: 'x'.repeat(50_001) }, null],
  [{ type: 'console/insert', text: 'a', html: '<b>a</b>' }, SAME],
  [{ type: 'console/insert', text: 'a', html: '' }, SAME],
  [{ type: 'console/insert', text: 'a', html: 'x'.repeat(200_001) }, null],
  [{ type: 'console/insert', text: 'a', html: 5 }, null],
  [{ type: 'console/insert', text: 'a', nonce: 'dropped', extra: 1 }, insertA],
  [{ type: 'console/open-palette' }, SAME],
  [{ type: 'console/open-palette', query: '退款' }, SAME],
  [{ type: 'console/open-palette', query: '' }, SAME],
  [{ type: 'console/open-palette', query: 'q'.repeat(200) }, SAME],
  [{ type: 'console/open-palette', query: 'q'.repeat(201) }, null],
  [{ type: 'console/open-palette', query: null }, null],
  [{ type: 'console/open-palette', query: undefined }, SAME],
  [{ type: 'console/open-palette', toggle: true }, SAME],
  [{ type: 'console/open-palette', query: '退款', toggle: false }, SAME],
  [{ type: 'console/open-palette', toggle: 'yes' }, null],
  [{ type: 'console/open-palette', toggle: undefined }, SAME],
  [{ type: 'console/test-rules', rules: [goodRule] }, SAME],
  [{ type: 'console/test-rules', rules: [], contextSelector: '#subject' }, SAME],
  // The tester's context selector is only bounded here (the browser's parser judges it).
  [{ type: 'console/test-rules', rules: [], contextSelector: 'a{' }, SAME],
  [{ type: 'console/test-rules', rules: [], contextSelector: 'x'.repeat(301) }, null],
  [{ type: 'console/test-rules', rules: [goodRule, { selector: '', state: 'talk' }] }, null],
  [{ type: 'console/test-rules', rules: Array.from({ length: 50 }, () => goodRule) }, SAME],
  [{ type: 'console/test-rules', rules: Array.from({ length: 51 }, () => goodRule) }, null],
  [{ type: 'console/test-rules', rules: 'all' }, null],
  ...wrapped((rule) => ({ type: 'console/test-rules', rules: [rule] })),
  [{ type: 'console/open-palette', articleId: 'refund-policy-zh' }, SAME],
  [{ type: 'console/open-palette', articleId: 'team/refund-policy-zh' }, SAME],
  [{ type: 'console/open-palette', articleId: '../x' }, null],
  [{ type: 'console/open-palette', articleId: 7 }, null],
  [{ type: 'console/read-values', fields: [] }, SAME],
  [{ type: 'console/read-values', fields: [{ key: 'orderNumber', selector: '#order' }] }, SAME],
  [
    { type: 'console/read-values', fields: [{ key: 'orderNumber', selector: '#order', extra: 1 }] },
    { type: 'console/read-values', fields: [{ key: 'orderNumber', selector: '#order' }] },
  ],
  [{ type: 'console/read-values', fields: [{ key: '1x', selector: '#order' }] }, null],
  [{ type: 'console/read-values', fields: [{ key: 'a', selector: '' }] }, null],
  [{ type: 'console/read-values', fields: [{ key: 'a', selector: 'x'.repeat(301) }] }, null],
  [{ type: 'console/read-values', fields: Array.from({ length: 21 }, () => ({ key: 'a', selector: '#a' })) }, null],
  [{ type: 'console/read-values', fields: 'all' }, null],
  [{ type: 'console/read-values' }, null],
  [{ type: 'console/toast', visible: true, height: 120 }, SAME],
  [{ type: 'console/toast', visible: false, height: 0 }, SAME],
  [{ type: 'console/toast', visible: true, height: 801 }, null],
  [{ type: 'console/toast', visible: true, height: 1.5 }, null],
  [{ type: 'console/toast', visible: 'yes', height: 1 }, null],
  [{ type: 'expand/lookup', trigger: ';tk' }, null],
  [{ type: 'palette/open-form', nonce: 'n'.repeat(22), articleId: 'x' }, null],
  // Valid messages for other receivers are not the content script's business.
  [{ type: 'overlay/insert', nonce: 'n'.repeat(22), text: 'x' }, null],
  [{ type: 'palette/open' }, null],
  [{ type: 'ledger/set', state: 'talk', source: 'page' }, null],
  [{ type: 'frame/field' }, null],
  [{ type: 'frame/hotkey' }, null],
  [{ type: 'console/unknown' }, null],
  [{ type: ['console/insert'], text: 'x' }, null],
  [[], null],
  ['console/insert', null],
  [null, null],
  [undefined, null],
  [42, null],
];

/** Messages for other receivers that `parseMessage` accepts (the content script refuses them). */
const FOR_OTHERS = new Set([
  'expand/lookup',
  'palette/open-form',
  'overlay/insert',
  'palette/open',
  'ledger/set',
  'frame/field',
  'frame/hotkey',
]);
const forOthers = (raw: unknown) =>
  typeof raw === 'object' && raw !== null && FOR_OTHERS.has(String((raw as { type?: unknown }).type));

describe('the console messages', () => {
  it.each(messages.map((s, i) => [i, s] as const))('sample %i', (_i, sample) => {
    const want = sample[1] === null ? null : expected(sample);
    expect(parseConsoleMessage(sample[0])).toStrictEqual(want);
    // messageSchema embeds the same schemas.
    if (!forOthers(sample[0])) expect(parseMessage(sample[0])).toStrictEqual(want);
  });
  it('the samples cover both valid and invalid messages', () => {
    expect(messages.filter(([, w]) => w !== null).length).toBeGreaterThan(10);
    expect(messages.filter(([, w]) => w === null).length).toBeGreaterThan(20);
  });
  it('messageSchema still reads the messages of other receivers', () => {
    expect(parseMessage({ type: 'ledger/set', state: 'talk', source: 'page' })).toEqual({
      type: 'ledger/set',
      state: 'talk',
      source: 'page',
    });
    expect(
      parseMessage({
        type: 'rules/disabled',
        rule: { selector: ' .x ', state: 'talk' },
        reason: 'steps',
        ms: 1,
        url: 'u',
      }),
    ).toEqual({ type: 'rules/disabled', rule: { selector: '.x', state: 'talk' }, reason: 'steps', ms: 1, url: 'u' });
    expect(
      parseMessage({ type: 'rules/disabled', rule: { selector: '', state: 'talk' }, reason: 'steps', ms: 1, url: 'u' }),
    ).toBeNull();
  });
});

describe('the replies the content script reads', () => {
  const OK: ConsoleOutgoing[] = ['overlay/register', 'frame/field', 'toast/register'];
  const RECORDED: ConsoleOutgoing[] = ['ledger/set', 'rules/disabled'];
  const replies: [unknown, ConsoleOutgoing[]][] = [
    [{ ok: true }, OK],
    [{ ok: false }, OK],
    [{ recorded: true }, RECORDED],
    [{ recorded: 'no' }, []],
    [{ opened: false }, ['frame/hotkey']],
    [{ opened: 1 }, []],
    [{ kind: 'none' }, ['expand/lookup']],
    [{ kind: 'form' }, ['expand/lookup']],
    [{ kind: 'text', text: '您好' }, ['expand/lookup']],
    [{ kind: 'text', text: 'a', html: '<p>a</p>' }, ['expand/lookup']],
    [{ kind: 'text', text: '' }, []],
    [{ kind: 'text', text: 'a', html: 3 }, []],
    [{ kind: 'other' }, []],
    [{}, []],
    [null, []],
    [[], []],
    ['ok', []],
  ];
  const TYPES: ConsoleOutgoing[] = [...OK, ...RECORDED, 'frame/hotkey', 'expand/lookup'];
  it.each(replies.map((r, i) => [i, ...r] as const))('reply %i', (_i, raw, acceptedBy) => {
    for (const type of TYPES) {
      if (acceptedBy.includes(type)) {
        expect(parseConsoleResponse(type, raw)).toEqual(raw);
        expect(parseResponse(type, raw)).toEqual(raw);
      } else {
        expect(() => parseConsoleResponse(type, raw)).toThrow(type);
        expect(() => parseResponse(type, raw)).toThrow();
      }
    }
  });
  it('drops keys a reply does not have', () => {
    expect(parseConsoleResponse('ledger/set', { recorded: true, extra: 1 })).toStrictEqual({ recorded: true });
  });
});

describe('page rules, site rules and the hotkey', () => {
  it.each(rules.map((s, i) => [i, s] as const))('page rule %i', (_i, sample) => {
    const r = v.safeParse(pageRuleSchema, sample[0]);
    expect(r.success ? r.output : null).toEqual(sample[1] === null ? null : expected(sample));
  });
  const sites: Sample[] = [
    [{ site: 'https://crm.example.com/*', rules: [goodRule] }, SAME],
    [
      { site: 'https://crm.example.com/*', rules: [], contextSelector: '  #ticket-subject ' },
      { site: 'https://crm.example.com/*', rules: [], contextSelector: '#ticket-subject' },
    ],
    [{ site: 'https://crm.example.com/*', rules: [], contextSelector: '' }, SAME],
    [{ site: 'https://crm.example.com/*', rules: [], contextSelector: 'a{' }, null],
    [{ site: 'https://crm.example.com/*', rules: [], contextSelector: 9 }, null],
    [{ site: '', rules: [] }, null],
    [{ site: 'x'.repeat(301), rules: [] }, null],
    [{ site: 'https://crm.example.com/*' }, null],
    [{ site: 'https://crm.example.com/*', rules: [{ selector: '.x', state: 'other' }] }, null],
    ...wrapped((rule) => ({ site: 's', rules: [rule] })),
    [null, null],
  ];
  it.each(sites.map((s, i) => [i, s] as const))('site rules %i', (_i, sample) => {
    const r = v.safeParse(siteRulesSchema, sample[0]);
    expect(r.success ? r.output : null).toEqual(sample[1] === null ? null : expected(sample));
  });
  const hotkeys: Sample[] = [
    [{ code: 'KeyK', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false }, SAME],
    [
      { code: 'Space', altKey: false, ctrlKey: true, shiftKey: true, metaKey: false, extra: 1 },
      { code: 'Space', altKey: false, ctrlKey: true, shiftKey: true, metaKey: false },
    ],
    [{ code: 'F13', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false }, null],
    [{ code: 'KeyK', altKey: 'yes', ctrlKey: false, shiftKey: false, metaKey: false }, null],
    [{ code: 'KeyK', altKey: true }, null],
    ['Alt+K', null],
    [null, null],
  ];
  it.each(hotkeys.map((s, i) => [i, s] as const))('hotkey %i', (_i, sample) => {
    const want = sample[1] === null ? null : expected(sample);
    expect(readHotkey(sample[0])).toStrictEqual(want);
    expect(v.is(hotkeySchema, sample[0])).toBe(want !== null);
  });
});

describe('the content script’s settings read gives what the extension pages use', () => {
  const stored: unknown[] = [
    undefined,
    {},
    {
      hotkey: { code: 'KeyJ', altKey: true, ctrlKey: false, shiftKey: true, metaKey: false },
      consoleSites: [
        'https://crm.example.com/*',
        'not a pattern',
        7,
        'https://crm.example.com/*',
        'http://localhost/*',
      ],
      pageRules: [
        { site: 'https://crm.example.com/*', rules: [goodRule], contextSelector: ' .subject ' },
        { site: 'https://crm.example.com/*', rules: [] },
        { site: 'https://b.example.com/*', rules: [{ selector: 'a{', state: 'talk' }] },
        { site: 'https://c.example.com/*', rules: [], contextSelector: '#t' },
      ],
      language: 'zh-CN',
    },
    { hotkey: 'Alt+K', consoleSites: 'https://crm.example.com/*', pageRules: { site: 'x' } },
    { hotkey: { code: 'Enter', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false } },
  ];
  const policies: unknown[] = [
    undefined,
    {},
    { hotkey: 'Ctrl+Shift+Space', consoleSites: ['https://crm.example.com/*', 'https://team.example.com/*', 'bad'] },
    { hotkey: 'K', consoleSites: 'https://crm.example.com/*' },
    { hotkey: 42, language: 'en' },
  ];
  const cases = stored.flatMap((s, i) => policies.map((p, j) => [`${i}×${j}`, s, p] as const));
  it.each(cases)('stored × policy %s', (_name, raw, policyRaw) => {
    const { settings } = effectiveSettings(parseSettings(raw), parsePolicy(policyRaw).policy);
    expect(consoleSettingsFrom(raw, policyRaw)).toEqual({
      hotkey: settings.hotkey,
      consoleSites: settings.consoleSites,
      pageRules: settings.pageRules,
    });
    // (The palette's boot script reads the hotkey alone.)
    const field = (o: unknown) => (o && typeof o === 'object' ? (o as { hotkey?: unknown }).hotkey : undefined);
    expect(hotkeyInForce(field(raw), field(policyRaw))).toEqual(settings.hotkey);
  });
  it('repairs each damaged field on its own, and keeps one entry per site', () => {
    const [, , full, damaged] = stored;
    expect(consoleSettingsFrom(full, undefined)).toEqual({
      hotkey: { code: 'KeyJ', altKey: true, ctrlKey: false, shiftKey: true, metaKey: false },
      consoleSites: ['https://crm.example.com/*', 'http://localhost/*'],
      pageRules: [
        { site: 'https://crm.example.com/*', rules: [goodRule], contextSelector: '.subject' },
        { site: 'https://c.example.com/*', rules: [], contextSelector: '#t' },
      ],
    });
    expect(consoleSettingsFrom(damaged, policies[2])).toEqual({
      hotkey: { code: 'Space', altKey: false, ctrlKey: true, shiftKey: true, metaKey: false },
      consoleSites: ['https://crm.example.com/*', 'https://team.example.com/*'],
      pageRules: [],
    });
    expect(consoleSettingsFrom(undefined, undefined)).toEqual({
      hotkey: { code: 'KeyK', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false },
      consoleSites: [],
      pageRules: [],
    });
  });
  it('reads what the settings store wrote', async () => {
    await settingsItem.setValue({ consoleSites: ['https://crm.example.com/*'], pageRules: [] });
    await fakeBrowser.storage.managed.set({ hotkey: 'Alt+J' });
    const read = await loadConsoleSettings();
    expect(read.consoleSites).toEqual(['https://crm.example.com/*']);
    expect(read.hotkey).toMatchObject({ code: 'KeyJ', altKey: true });
  });
});
