import { describe, expect, it } from 'vitest';
import { judgeInsert, textSignature } from '@/utils/console/insert-check';

const agent = { before: '您好，', selected: '', after: '谢谢' };
const reply = '1. 打开 App\n2. 点击“忘记密码”';
/** What the article's HTML reads as (an ordered list carries no numbers in its text). */
const replyHtmlText = '打开 App点击“忘记密码”';

describe('textSignature', () => {
  it('keeps letters and digits of every script, in order', () => {
    expect(textSignature(' • Step 1:\n\u200b退款 3–7 天\ufeff')).toBe('Step1退款37天');
  });
});

describe('judging an insert from the text read back', () => {
  it('inserted: the agent’s text before the caret, the insert, the text after — in whichever form the editor took', () => {
    // Taken as HTML (list items as the editor's list nodes, no numbers in the text)…
    expect(judgeInsert(agent, `您好，\n打开 App\n点击“忘记密码”\n谢谢`, [replyHtmlText, reply])).toBe('inserted');
    // …or as the plain text, with the list markers.
    expect(judgeInsert(agent, `您好，${reply}谢谢`, [replyHtmlText, reply])).toBe('inserted');
    // An empty editor gets it exactly once.
    expect(judgeInsert({ before: '', selected: '', after: '' }, reply, [reply])).toBe('inserted');
  });

  it('unchanged: nothing landed', () => {
    expect(judgeInsert(agent, '您好，谢谢', [reply])).toBe('unchanged');
    expect(judgeInsert({ before: 'a', selected: 'old', after: 'b' }, 'aoldb', [reply])).toBe('unchanged');
  });

  it('damaged: the agent’s words are gone, or the insert landed outside the caret', () => {
    // What Lexical showed in the issue: the agent's "您好，" deleted, nothing inserted.
    expect(judgeInsert(agent, '谢谢', [reply])).toBe('damaged');
    // The insert put after the agent's text instead of at the caret.
    expect(judgeInsert(agent, `您好，谢谢${reply}`, [reply])).toBe('damaged');
  });

  it('duplicated: the insert twice (what an empty Lexical editor showed)', () => {
    expect(judgeInsert({ before: '', selected: '', after: '' }, reply + reply, [reply])).toBe('duplicated');
  });

  it('different: something changed, but not into the expected text (a list item lost)', () => {
    expect(judgeInsert(agent, '您好，打开 App谢谢', [replyHtmlText, reply])).toBe('different');
  });

  it('replaces the selection', () => {
    expect(judgeInsert({ before: 'Dear ', selected: 'NAME', after: ',' }, 'Dear Ann,', ['Ann'])).toBe('inserted');
  });

  it('an insert with no letters is compared without white space', () => {
    expect(judgeInsert({ before: 'a', selected: '', after: 'b' }, 'a — b', ['—'])).toBe('inserted');
    expect(judgeInsert({ before: 'a', selected: '', after: 'b' }, 'ab', ['—'])).toBe('unchanged');
  });

  it('native fields are judged exactly', () => {
    const field = { before: 'Dear ', selected: '', after: '' };
    expect(judgeInsert(field, 'Dear customer', ['customer'], { exact: true })).toBe('inserted');
    expect(judgeInsert(field, 'Dear ', ['customer'], { exact: true })).toBe('unchanged');
    expect(judgeInsert(field, 'Dear customercustomer', ['customer'], { exact: true })).toBe('duplicated');
    expect(judgeInsert(field, 'customer', ['customer'], { exact: true })).toBe('damaged');
    // A field with a length limit cut the insert short.
    expect(judgeInsert(field, 'Dear cust', ['customer'], { exact: true })).toBe('different');
  });
});
