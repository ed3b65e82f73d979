import { describe, expect, it } from 'vitest';
import { markdownToInsertHtml, shapeInsert } from '@/utils/console/insert-shape';

describe('the HTML an insert carries', () => {
  it('gives tight lists whose items hold their text directly, with nested lists inside their item', () => {
    const md = '### 步骤\n1. 打开 App\n2. 输入手机号\n   - 5 分钟内有效\n   - 每天 5 次\n\n- **锁定**：30 分钟\n- 其他';
    expect(markdownToInsertHtml(md)).toBe(
      '<h3>步骤</h3>' +
        '<ol><li>打开 App</li><li>输入手机号<ul><li>5 分钟内有效</li><li>每天 5 次</li></ul></li></ol>' +
        '<ul><li><strong>锁定</strong>：30 分钟</li><li>其他</li></ul>',
    );
  });

  it('loose list items (blank lines between) still hold inline content, no <p> inside', () => {
    expect(markdownToInsertHtml('1. one\n\n2. two\n\n   more')).toBe('<ol><li>one</li><li>two<br>more</li></ol>');
    expect(markdownToInsertHtml('3. three\n4. four')).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
  });

  it('keeps bold, emphasis, line breaks and safe links; drops raw HTML and unsafe links; escapes text', () => {
    const md =
      'Hi **there**, *see* [policy](https://example.com/p?a=1&b=2) or [call](tel:95511).\nNext line <script>x()</script> 1 < 2 & [bad](javascript:alert(1))';
    expect(markdownToInsertHtml(md)).toBe(
      '<p>Hi <strong>there</strong>, <em>see</em> <a href="https://example.com/p?a=1&amp;b=2">policy</a> or ' +
        '<a href="tel:95511">call</a>.<br>Next line x() 1 &lt; 2 &amp; bad</p>',
    );
  });

  it('has no white space between tags (editors read it as empty lines)', () => {
    const html = markdownToInsertHtml('# T\n\npara\n\n- a\n- b\n\n> quote\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toBe(
      '<h1>T</h1><p>para</p><ul><li>a</li><li>b</li></ul><blockquote><p>quote</p></blockquote><p>a | b</p><p>1 | 2</p>',
    );
    expect(html).not.toMatch(/>\s+</);
  });

  it('fills placeholders: escaped in the HTML, as typed in the text; list markers kept in the text', () => {
    const shaped = shapeInsert('您好，{{customerName}}：\n\n1. 核实订单\n2. 提交申请', { customerName: '<Ann>' });
    expect(shaped.text).toBe('您好，<Ann>：\n\n1. 核实订单\n2. 提交申请');
    expect(shaped.html).toBe('<p>您好，&#60;Ann&#62;：</p><ol><li>核实订单</li><li>提交申请</li></ol>');
  });
});
