import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { articleInputSchema, type Placeholder } from '@/utils/kb/article';
import {
  articlePlaceholders,
  checkPlaceholderValues,
  cleanPlaceholderValues,
  escapeHtml,
  fillPlaceholders,
  fillPlaceholdersHtml,
  markPlaceholdersHtml,
  initialPlaceholderValues,
  isPerCustomerKey,
  knownPlaceholderValues,
  shiftMemorable,
  placeholderKeysIn,
} from '@/utils/kb/placeholders';
import { markdownToPlainText } from '@/utils/kb/plain-text';

const article = articleInputSchema.parse({
  id: 'refund-en',
  lang: 'en',
  title: 'Refund',
  body: '**{{customerName}}**, order {{ orderNumber }} is refunded: {{amount}}. Thanks, {{customerName}}.',
  steps: [{ title: 'Close', lines: [{ text: 'Bye {{agentName}}, see you on {{day}}', mustSay: true }] }],
  placeholders: [
    { key: 'day', label: 'Day', type: 'date' },
    { key: 'amount', label: 'Amount', type: 'text', defaultValue: '¥0' },
    { key: 'orderNumber', label: 'Order', type: 'text' },
    { key: 'customerName', label: 'Name' },
    { key: 'unused', label: 'Never used' },
  ],
});

describe('finding placeholders', () => {
  it('lists each key once in order of appearance, spaces inside braces allowed', () => {
    expect(placeholderKeysIn('{{a}} {{ b }} {{a}} {{9x}} {b} {{c_1}}')).toEqual(['a', 'b', 'c_1']);
    expect(placeholderKeysIn('no markers')).toEqual([]);
  });

  it('asks for the keys the body or steps use in order, undeclared ones as text labelled by key', () => {
    const asked = articlePlaceholders(article);
    expect(asked.map((p) => p.key)).toEqual(['customerName', 'orderNumber', 'amount', 'agentName', 'day']);
    expect(asked[0]).toMatchObject({ key: 'customerName', label: 'Name', type: 'text' });
    expect(asked[4]).toMatchObject({ key: 'day', label: 'Day', type: 'date' });
    expect(asked[3]).toEqual({ key: 'agentName', label: 'agentName', type: 'text', options: [] });
    // A label known elsewhere (another article's declaration) is used for an undeclared key.
    expect(articlePlaceholders(article, (k) => (k === 'agentName' ? 'Your name' : undefined))[3]!.label).toBe(
      'Your name',
    );
    expect(articlePlaceholders({ ...article, body: 'plain', steps: [] })).toEqual([]);
  });
});

describe('filling', () => {
  const values = { customerName: 'Ann <b>&</b>', orderNumber: 'A-1', amount: '$5' };

  it('fills plain text verbatim and keeps markers without a value', () => {
    expect(fillPlaceholders('Hi {{customerName}} / {{ orderNumber }} / {{other}}', values)).toBe(
      'Hi Ann <b>&</b> / A-1 / {{other}}',
    );
  });

  it('keeps markers through the plain-text conversion, so values are never treated as Markdown', () => {
    const plain = fillPlaceholders(markdownToPlainText(article.body), { ...values, customerName: '*Zoë*' });
    expect(plain).toContain('*Zoë*, order A-1 is refunded: $5.');
    expect(plain).not.toContain('{{');
  });

  // The overlay renders with renderMarkdown (marked + DOMPurify, which needs a DOM); marked alone shows the same markers.
  it('HTML-escapes values in the rich variant', () => {
    const html = fillPlaceholdersHtml(marked.parse(article.body, { async: false }), { ...values, amount: '"x" \'y\'' });
    expect(html).toContain('<strong>Ann &#60;b&#62;&#38;&#60;/b&#62;</strong>');
    expect(html).toContain('&#34;x&#34; &#39;y&#39;');
    expect(html).not.toContain('<b>');
    expect(escapeHtml('<a href="x">')).toBe('&#60;a href=&#34;x&#34;&#62;');
  });

  it('shows markers as labelled chips in previews', () => {
    expect(markPlaceholdersHtml('<p>Hi {{name}}</p>', (k) => (k === 'name' ? 'Name <x>' : k))).toBe(
      '<p>Hi <span class="ph-chip">Name &#60;x&#62;</span></p>',
    );
  });

  it('never fills a script address into an attribute (a pack’s default value could be one)', () => {
    const html = '<p><a href="{{link}}">{{link}}</a></p>';
    expect(fillPlaceholdersHtml(html, { link: ' JavaScript:alert(1)' })).toBe(
      '<p><a href="{{link}}"> JavaScript:alert(1)</a></p>',
    );
    expect(fillPlaceholdersHtml(html, { link: 'https://track.example.com/?a=1&b="2"' })).toBe(
      '<p><a href="https://track.example.com/?a=1&#38;b=&#34;2&#34;">https://track.example.com/?a=1&#38;b=&#34;2&#34;</a></p>',
    );
  });

  it('marks placeholders in text only, never inside a tag or an attribute value', () => {
    // An article body with raw HTML (Markdown allows it; the sanitiser keeps a plain href).
    const html = marked.parse('Hi <a href="{{link}}">Track {{orderNo}}</a> {{link}}', { async: false });
    const marked_ = markPlaceholdersHtml(html, (k) => k.toUpperCase());
    expect(marked_).toContain('href="{{link}}"');
    expect(marked_).toContain('>Track <span class="ph-chip">ORDERNO</span></a> <span class="ph-chip">LINK</span>');
    expect(markPlaceholdersHtml('<img alt=\'{{a}}\' title="x > {{b}}"><!-- {{c}} -->{{d}}', (k) => k)).toBe(
      '<img alt=\'{{a}}\' title="x > {{b}}"><!-- {{c}} --><span class="ph-chip">d</span>',
    );
    // A lone "<" in text is text, and what follows it is still marked.
    expect(markPlaceholdersHtml('1 < {{n}} &amp; <b>{{m}}</b>', (k) => k)).toBe(
      '1 < <span class="ph-chip">n</span> &amp; <b><span class="ph-chip">m</span></b>',
    );
  });
});

describe('values', () => {
  const choice: Placeholder = { key: 'channel', label: 'Channel', type: 'choice', options: ['Phone', 'Chat'] };
  const date: Placeholder = { key: 'day', label: 'Day', type: 'date', options: [] };
  const text: Placeholder = { key: 'name', label: 'Name', type: 'text', options: [], defaultValue: 'Sir' };

  it('starts from the remembered value, then the default, then the first option', () => {
    expect(initialPlaceholderValues([choice, date, text], {})).toEqual({ channel: 'Phone', day: '', name: 'Sir' });
    expect(initialPlaceholderValues([choice, date, text], { channel: 'Chat', day: '2026-12-01', name: 'Li' })).toEqual({
      channel: 'Chat',
      day: '2026-12-01',
      name: 'Li',
    });
    // A remembered value that no longer fits is dropped.
    expect(initialPlaceholderValues([choice, date], { channel: 'Fax', day: 'tomorrow' })).toEqual({
      channel: 'Phone',
      day: '',
    });
  });

  it('names the first field that cannot be inserted', () => {
    expect(checkPlaceholderValues([choice, date, text], { channel: 'Chat', day: '2026-12-01', name: ' ' })).toEqual({
      key: 'name',
      problem: 'empty',
    });
    expect(checkPlaceholderValues([choice], { channel: 'Fax' })).toEqual({ key: 'channel', problem: 'not-an-option' });
    expect(checkPlaceholderValues([date], { day: '2026-13-01' })).toEqual({ key: 'day', problem: 'not-a-date' });
    expect(checkPlaceholderValues([choice, date, text], { channel: 'Chat', day: '2026-12-01', name: 'Li' })).toBeNull();
  });

  it('keeps only the asked keys, trimmed', () => {
    expect(cleanPlaceholderValues([text], { name: '  Li ', other: 'x' })).toEqual({ name: 'Li' });
  });
});

describe('what the shift remembers', () => {
  it('never keeps values about the customer on the line', () => {
    expect(isPerCustomerKey('customerName')).toBe(true);
    expect(isPerCustomerKey('orderNumber')).toBe(true);
    expect(isPerCustomerKey('phone')).toBe(true);
    expect(isPerCustomerKey('客户姓名')).toBe(true);
    expect(isPerCustomerKey('agentName')).toBe(false);
    expect(isPerCustomerKey('refundDays')).toBe(false);
    expect(shiftMemorable({ customerName: '王芳', orderNo: 'A1', agentName: '小李', team: '售后' })).toEqual({
      agentName: '小李',
      team: '售后',
    });
  });

  it('fills agentName from Options unless the agent typed one this shift', () => {
    const ph = [{ key: 'agentName', label: '', type: 'text' as const, options: [] }];
    expect(initialPlaceholderValues(ph, {}, '小李')).toEqual({ agentName: '小李' });
    expect(initialPlaceholderValues(ph, { agentName: '李明' }, '小李')).toEqual({ agentName: '李明' });
    expect(initialPlaceholderValues(ph, {})).toEqual({ agentName: '' });
  });

  it('gives read mode the values the insert form starts with, leaving out the empty ones', () => {
    const ph = [
      { key: 'agentName', label: '客服', type: 'text' as const, options: [] },
      { key: 'customerName', label: '客户', type: 'text' as const, options: [] },
      { key: 'channel', label: 'Channel', type: 'choice' as const, options: ['Phone', 'Chat'] },
    ];
    expect(knownPlaceholderValues(ph, {}, '小李')).toEqual({ agentName: '小李', channel: 'Phone' });
    expect(knownPlaceholderValues(ph, { customerName: '王芳', channel: 'Chat' }, '小李')).toEqual({
      agentName: '小李',
      customerName: '王芳',
      channel: 'Chat',
    });
    expect(knownPlaceholderValues(ph, {})).toEqual({ channel: 'Phone' });
  });
});
