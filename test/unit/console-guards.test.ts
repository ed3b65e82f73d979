import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { messageSchema, responseSchemas } from '@/utils/messages';
import { parseConsoleMessage, parseConsoleResponse } from '@/utils/console/console-messages';
import { consoleSettingsFrom } from '@/utils/console/console-settings';
import { loadConsoleSettings } from '@/entrypoints/console.content/console-io';
import { readHotkey } from '@/utils/console/hotkey';
import { hotkeySchema } from '@/utils/console/hotkey-schema';
import { pageRuleSchema, siteRulesSchema } from '@/utils/console/page-rule';
import { readPageRule, readSiteRules } from '@/utils/console/page-rule-guard';
import { effectiveSettings, parsePolicy, parseSettings } from '@/utils/settings';
import { settingsItem } from '@/utils/settings-store';

/**
 * The console content script reads messages, page rules and settings with hand-written readers (so
 * it does not carry zod onto every console page). The zod schemas stay the source of truth: each
 * reader must accept exactly what its schema accepts, and give the same value.
 */

const CONSOLE_TYPES = new Set([
  'console/close-overlay',
  'console/insert',
  'console/open-palette',
  'console/test-rules',
  'console/read-values',
]);

/** What zod says the content script should act on: the parsed console message, or null. */
function zodConsoleMessage(raw: unknown) {
  const r = messageSchema.safeParse(raw);
  return r.success && CONSOLE_TYPES.has(r.data.type) ? r.data : null;
}

const goodRule = { selector: '#status', textPattern: '通话中|Talking', state: 'talk' };
const rules: unknown[] = [
  goodRule,
  { selector: '  .state  ', state: 'hold' },
  { selector: '.x', state: 'other', code: 'qa-review' },
  { selector: '.x', state: 'other', code: 'QA' },
  { selector: '.x', state: 'other' },
  { selector: '.x', state: 'talk', code: 'away' },
  { selector: '.x', state: 'talk', code: undefined },
  { selector: '.x', state: 'ringing' },
  { selector: '', state: 'talk' },
  { selector: '   ', state: 'talk' },
  { selector: 'a{color:red}', state: 'talk' },
  { selector: 'x'.repeat(300), state: 'acw' },
  { selector: 'x'.repeat(301), state: 'acw' },
  { selector: ` ${'x'.repeat(300)} `, state: 'acw' },
  { selector: '.x', textPattern: '(', state: 'talk' },
  { selector: '.x', textPattern: '\\p{Script=Han}', state: 'talk' },
  { selector: '.x', textPattern: 'y'.repeat(201), state: 'talk' },
  { selector: '.x', textPattern: 3, state: 'talk' },
  { selector: 7, state: 'talk' },
  { selector: '.x', state: 'break', extra: 'dropped' },
  [],
  null,
  'rule',
];

const messages: unknown[] = [
  { type: 'console/close-overlay', restoreFocus: true },
  { type: 'console/close-overlay', restoreFocus: 'yes' },
  { type: 'console/close-overlay' },
  { type: 'console/insert', text: '您好' },
  { type: 'console/insert', text: '' },
  { type: 'console/insert', text: 'x'.repeat(50_000) },
  { type: 'console/insert', text: 'x'.repeat(50_001) },
  { type: 'console/insert', text: 'a', html: '<b>a</b>' },
  { type: 'console/insert', text: 'a', html: '' },
  { type: 'console/insert', text: 'a', html: 'x'.repeat(200_001) },
  { type: 'console/insert', text: 'a', html: 5 },
  { type: 'console/insert', text: 'a', nonce: 'dropped', extra: 1 },
  { type: 'console/open-palette' },
  { type: 'console/open-palette', query: '退款' },
  { type: 'console/open-palette', query: '' },
  { type: 'console/open-palette', query: 'q'.repeat(200) },
  { type: 'console/open-palette', query: 'q'.repeat(201) },
  { type: 'console/open-palette', query: null },
  { type: 'console/open-palette', query: undefined },
  { type: 'console/open-palette', toggle: true },
  { type: 'console/open-palette', query: '退款', toggle: false },
  { type: 'console/open-palette', toggle: 'yes' },
  { type: 'console/open-palette', toggle: undefined },
  { type: 'console/test-rules', rules: [goodRule] },
  { type: 'console/test-rules', rules: [], contextSelector: '#subject' },
  { type: 'console/test-rules', rules: [], contextSelector: 'a{' },
  { type: 'console/test-rules', rules: [], contextSelector: 'x'.repeat(301) },
  { type: 'console/test-rules', rules: [goodRule, { selector: '', state: 'talk' }] },
  { type: 'console/test-rules', rules: Array.from({ length: 50 }, () => goodRule) },
  { type: 'console/test-rules', rules: Array.from({ length: 51 }, () => goodRule) },
  { type: 'console/test-rules', rules: 'all' },
  ...rules.map((rule) => ({ type: 'console/test-rules', rules: [rule] })),
  { type: 'console/open-palette', articleId: 'refund-policy-zh' },
  { type: 'console/open-palette', articleId: 'team/refund-policy-zh' },
  { type: 'console/open-palette', articleId: '../x' },
  { type: 'console/open-palette', articleId: 7 },
  { type: 'console/read-values', fields: [] },
  { type: 'console/read-values', fields: [{ key: 'orderNumber', selector: '#order' }] },
  { type: 'console/read-values', fields: [{ key: 'orderNumber', selector: '#order', extra: 1 }] },
  { type: 'console/read-values', fields: [{ key: '1x', selector: '#order' }] },
  { type: 'console/read-values', fields: [{ key: 'a', selector: '' }] },
  { type: 'console/read-values', fields: [{ key: 'a', selector: 'x'.repeat(301) }] },
  { type: 'console/read-values', fields: Array.from({ length: 21 }, () => ({ key: 'a', selector: '#a' })) },
  { type: 'console/read-values', fields: 'all' },
  { type: 'console/read-values' },
  { type: 'expand/lookup', trigger: ';tk' },
  { type: 'palette/open-form', nonce: 'n'.repeat(22), articleId: 'x' },
  // Valid messages for other receivers are not the content script's business.
  { type: 'overlay/insert', nonce: 'n'.repeat(22), text: 'x' },
  { type: 'palette/open' },
  { type: 'ledger/set', state: 'talk', source: 'page' },
  { type: 'frame/field' },
  { type: 'frame/hotkey' },
  { type: 'console/unknown' },
  { type: ['console/insert'], text: 'x' },
  [],
  'console/insert',
  null,
  undefined,
  42,
];

describe('the content script’s message reader agrees with messageSchema', () => {
  it.each(messages.map((m, i) => [i, m] as const))('sample %i', (_i, raw) => {
    expect(parseConsoleMessage(raw)).toEqual(zodConsoleMessage(raw));
  });
  it('accepts the valid samples and refuses the invalid ones (the samples cover both)', () => {
    const accepted = messages.filter((m) => parseConsoleMessage(m) !== null).length;
    expect(accepted).toBeGreaterThan(10);
    expect(messages.length - accepted).toBeGreaterThan(20);
  });
  it('drops keys the schema does not know', () => {
    expect(parseConsoleMessage({ type: 'console/insert', text: 'a', nonce: 'x', extra: 1 })).toStrictEqual({
      type: 'console/insert',
      text: 'a',
    });
  });
});

describe('the content script’s reply checks agree with responseSchemas', () => {
  const replies: unknown[] = [
    { ok: true },
    { ok: false },
    { recorded: true },
    { recorded: 'no' },
    { opened: false },
    { opened: 1 },
    { kind: 'none' },
    { kind: 'form' },
    { kind: 'text', text: '您好' },
    { kind: 'text', text: 'a', html: '<p>a</p>' },
    { kind: 'text', text: '' },
    { kind: 'text', text: 'a', html: 3 },
    { kind: 'other' },
    {},
    null,
    [],
    'ok',
  ];
  it.each(replies.map((r, i) => [i, r] as const))('reply %i', (_i, raw) => {
    for (const type of ['overlay/register', 'ledger/set', 'frame/field', 'frame/hotkey', 'expand/lookup'] as const) {
      const zod = responseSchemas[type].safeParse(raw);
      if (zod.success) expect(parseConsoleResponse(type, raw)).toEqual(zod.data);
      else expect(() => parseConsoleResponse(type, raw)).toThrow(type);
    }
  });
});

describe('page-rule and hotkey readers agree with their schemas', () => {
  it.each(rules.map((r, i) => [i, r] as const))('page rule %i', (_i, raw) => {
    const zod = pageRuleSchema.safeParse(raw);
    expect(readPageRule(raw)).toEqual(zod.success ? zod.data : null);
  });
  const sites: unknown[] = [
    { site: 'https://crm.example.com/*', rules: [goodRule] },
    { site: 'https://crm.example.com/*', rules: [], contextSelector: '  #ticket-subject ' },
    { site: 'https://crm.example.com/*', rules: [], contextSelector: '' },
    { site: 'https://crm.example.com/*', rules: [], contextSelector: 'a{' },
    { site: 'https://crm.example.com/*', rules: [], contextSelector: 9 },
    { site: '', rules: [] },
    { site: 'x'.repeat(301), rules: [] },
    { site: 'https://crm.example.com/*' },
    { site: 'https://crm.example.com/*', rules: [{ selector: '.x', state: 'other' }] },
    ...rules.map((rule) => ({ site: 's', rules: [rule] })),
    null,
  ];
  it.each(sites.map((s, i) => [i, s] as const))('site rules %i', (_i, raw) => {
    const zod = siteRulesSchema.safeParse(raw);
    expect(readSiteRules(raw)).toEqual(zod.success ? zod.data : null);
  });
  const hotkeys: unknown[] = [
    { code: 'KeyK', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false },
    { code: 'Space', altKey: false, ctrlKey: true, shiftKey: true, metaKey: false, extra: 1 },
    { code: 'F13', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false },
    { code: 'KeyK', altKey: 'yes', ctrlKey: false, shiftKey: false, metaKey: false },
    { code: 'KeyK', altKey: true },
    'Alt+K',
    null,
  ];
  it.each(hotkeys.map((h, i) => [i, h] as const))('hotkey %i', (_i, raw) => {
    const zod = hotkeySchema.safeParse(raw);
    expect(readHotkey(raw)).toEqual(zod.success ? zod.data : null);
  });
});

describe('the content script’s settings read agrees with parseSettings + policy', () => {
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
  });
  it('reads what the settings store wrote', async () => {
    await settingsItem.setValue({ consoleSites: ['https://crm.example.com/*'], pageRules: [] });
    await fakeBrowser.storage.managed.set({ hotkey: 'Alt+J' });
    const read = await loadConsoleSettings();
    expect(read.consoleSites).toEqual(['https://crm.example.com/*']);
    expect(read.hotkey).toMatchObject({ code: 'KeyJ', altKey: true });
  });
});
