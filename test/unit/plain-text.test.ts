import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from '@/utils/kb/plain-text';

describe('markdownToPlainText', () => {
  it('drops markup and keeps paragraphs and lists readable', () => {
    const md =
      '## 退款\n\n**您好，{{customerName}}**，退款将在 *3–7 个工作日* 内到账。\n\n- 微信/支付宝：1–3 天\n- 银行卡：3–7 天\n\n1. 核实订单\n2. 提交申请\n\nSee [policy](https://example.com) & `code`.';
    expect(markdownToPlainText(md)).toBe(
      '退款\n\n您好，{{customerName}}，退款将在 3–7 个工作日 内到账。\n\n• 微信/支付宝：1–3 天\n• 银行卡：3–7 天\n\n1. 核实订单\n2. 提交申请\n\nSee policy & code.',
    );
  });

  it('does not pass HTML through', () => {
    expect(markdownToPlainText('Hello <script>alert(1)</script> there')).not.toContain('<script>');
  });
});
