import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSeatmate, type Seatmate } from '../support/launch';
import { screenshot } from '../support/screens';

let sm: Seatmate;
let page: Page;

/** Opens kb.html and waits for the sample KB (seeded on the demo build's first run). */
async function openKb(s: Seatmate): Promise<Page> {
  const p = await s.context.newPage();
  await p.goto(s.url('kb.html'));
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="kb-row"]').length >= 20, undefined, {
    timeout: 20_000,
  });
  return p;
}

const row = (id: string) => page.locator(`[data-testid="kb-row"][data-article-id="${id}"]`);
const rowIds = () =>
  page.getByTestId('kb-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id') ?? ''));

beforeAll(async () => {
  sm = await launchSeatmate();
  page = await openKb(sm);
});
afterAll(async () => {
  await sm?.close();
});

describe('knowledge-base page', () => {
  it('lists the sample KB and searches it in English and Chinese', async () => {
    expect(await page.title()).toBe('Seatmate knowledge base');
    await page.getByTestId('kb-search').fill('refund');
    await expect.poll(async () => (await rowIds())[0]).toMatch(/^refund-policy/);
    expect(await page.getByTestId('kb-row').first().locator('mark').count()).toBeGreaterThan(0);
    await page.getByTestId('kb-search').fill('退款');
    await expect.poll(async () => (await rowIds()).slice(0, 3)).toContain('refund-policy-zh');
    await page.getByTestId('kb-search').fill('zzqqxxnothing');
    await expect.poll(() => page.getByTestId('kb-empty').textContent()).toContain('zzqqxxnothing');
    await page.getByTestId('kb-search').fill('');
    await expect.poll(() => page.getByTestId('kb-row').count()).toBeGreaterThanOrEqual(20);
  });

  it('creates an article with a live, sanitised preview, keeping the draft over a reload', async () => {
    await page.getByTestId('kb-new').click();
    const editor = page.getByTestId('kb-editor');
    await editor.waitFor();
    // Saving an empty form names the fields, beside them.
    await page.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-save-error').isVisible()).toBe(true);
    expect(await editor.locator('[data-testid="kb-field-error"][data-path="title"]').textContent()).toBe('Required.');
    expect(await editor.locator('[data-testid="kb-field-error"][data-path="replies"]').textContent()).toBe(
      'Write a reply for the customer.',
    );

    await page.getByTestId('kb-field-title').fill('Warranty claim script');
    await page.getByTestId('kb-field-kind').selectOption('script');
    await page.getByTestId('kb-field-category').fill('Warranty');
    await page.getByTestId('kb-field-tags').fill('warranty, claims');
    await page.getByTestId('kb-field-keywords').fill('guarantee, repair');
    await page.getByTestId('kb-field-review-by').fill('2020-01-31');
    await page
      .getByTestId('kb-field-reply')
      .fill(
        '## Warranty check\n\nAsk **{{customerName}}** for the receipt.\n\n' +
          '<script>window.__kbPwned = 1</script><img src="x" onerror="window.__kbPwned = 2">',
      );
    await page.getByTestId('kb-field-notes').fill('### Check\n\nThe receipt must show the **serial**.');
    await expect.poll(() => page.getByTestId('kb-notes-preview').locator('strong').textContent()).toBe('serial');
    const preview = page.getByTestId('kb-preview');
    await expect.poll(() => preview.locator('h2').textContent()).toBe('Warranty check');
    expect(await preview.locator('strong').textContent()).toBe('{{customerName}}');
    expect(await preview.locator('script').count()).toBe(0);
    expect(await preview.locator('[onerror]').count()).toBe(0);
    expect(await preview.innerHTML()).not.toContain('__kbPwned');
    expect(await page.evaluate(() => (window as unknown as { __kbPwned?: number }).__kbPwned)).toBeUndefined();

    // A step with a must-say line, and a choice placeholder that needs two options.
    await page.getByTestId('kb-step-add').click();
    await page.getByTestId('kb-step-title').fill('Verify');
    await page.getByTestId('kb-line-text').fill('This call is recorded for quality.');
    await page.getByTestId('kb-line-must-say').check();
    await page.getByTestId('kb-ph-add').click();
    await page.getByTestId('kb-ph-key').fill('plan');
    await page.getByTestId('kb-ph-label').fill('Plan');
    await page.getByTestId('kb-ph-type').selectOption('choice');
    await page.getByTestId('kb-ph-options').fill('Basic');
    await page.getByTestId('kb-ph-options').blur();
    await expect
      .poll(() => editor.locator('[data-testid="kb-field-error"][data-path="placeholders[0].options"]').textContent())
      .toBe('A choice needs at least two choices.');
    await page.getByTestId('kb-ph-options').fill('Basic, Plus');
    await page.locator('.kb-detail').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'kb-editor-en');

    // Nothing typed is lost on a reload.
    await page.reload();
    await page.getByTestId('kb-draft-restored').waitFor();
    expect(await page.getByTestId('kb-field-title').inputValue()).toBe('Warranty claim script');
    expect(await page.getByTestId('kb-ph-options').inputValue()).toBe('Basic, Plus');
    expect(await page.getByTestId('kb-line-must-say').isChecked()).toBe(true);

    await page.getByTestId('kb-field-reply').press('Control+s');
    await expect.poll(() => page.getByTestId('kb-editor').count()).toBe(0);
    await row('warranty-claim-script').waitFor();
    expect(await row('warranty-claim-script').getAttribute('data-stale')).toBe('true');
    const view = page.getByTestId('kb-view');
    expect(await view.getAttribute('data-article-id')).toBe('warranty-claim-script');
    expect(await view.locator('.must-say').textContent()).toContain('This call is recorded for quality.');
    expect(await page.getByTestId('kb-view-reply').textContent()).toContain('Warranty check');
    expect(await page.getByTestId('kb-view-notes').textContent()).toContain('The receipt must show the serial.');
    expect(await page.getByTestId('kb-view-placeholders').textContent()).toContain('{{plan}}');
    expect(await view.locator('script').count()).toBe(0);
    await screenshot(page, 'kb-view-en');

    // A reload now shows no stale draft.
    await page.reload();
    await row('warranty-claim-script').waitFor();
    expect(await page.getByTestId('kb-editor').count()).toBe(0);
  });

  it('filters by kind, source and staleness', async () => {
    await page.getByTestId('kb-filter-kind').selectOption('script');
    await expect.poll(rowIds).toContain('warranty-claim-script');
    const kinds = await page.getByTestId('kb-kind-badge').allTextContents();
    expect(new Set(kinds)).toEqual(new Set(['Script']));
    await page.getByTestId('kb-filter-kind').selectOption('faq');
    await expect.poll(rowIds).not.toContain('warranty-claim-script');
    await page.getByTestId('kb-filter-kind').selectOption('');
    await page.getByTestId('kb-filter-source').selectOption('local');
    await expect.poll(rowIds).toEqual(['warranty-claim-script']);
    await page.getByTestId('kb-filter-source').selectOption('');
    await page.getByTestId('kb-filter-stale').check();
    await expect.poll(rowIds).toContain('warranty-claim-script');
    expect(await page.getByTestId('kb-stale-badge').count()).toBe(await page.getByTestId('kb-row').count());
    await page.getByTestId('kb-filter-stale').uncheck();
  });

  it('edits an article, and asks before dropping unsaved changes', async () => {
    await row('warranty-claim-script').getByTestId('kb-row-open').click();
    await page.getByTestId('kb-edit').click();
    await page.getByTestId('kb-field-title').fill('Warranty claim script (v2)');
    await page.keyboard.press('Escape');
    await page.getByTestId('kb-discard-confirm').waitFor();
    await page.getByTestId('kb-keep-editing').click();
    expect(await page.getByTestId('kb-field-title').inputValue()).toBe('Warranty claim script (v2)');
    await page.getByTestId('kb-save').click();
    await expect
      .poll(() => row('warranty-claim-script').locator('.kb-row-title').textContent())
      .toBe('Warranty claim script (v2)');

    await page.getByTestId('kb-edit').click();
    await page.getByTestId('kb-field-title').fill('Thrown away');
    await page.getByTestId('kb-cancel').click();
    await page.getByTestId('kb-discard').click();
    expect(await page.getByTestId('kb-editor').count()).toBe(0);
    expect(await page.getByTestId('kb-view-title').textContent()).toBe('Warranty claim script (v2)');
  });

  it('deletes with undo', async () => {
    await row('warranty-claim-script').getByTestId('kb-row-open').click();
    await page.getByTestId('kb-delete').click();
    await expect.poll(() => row('warranty-claim-script').count()).toBe(0);
    await page.getByTestId('kb-undo').click();
    await row('warranty-claim-script').waitFor();
    expect(await page.getByTestId('kb-toast').textContent()).toContain('Restored 1');
  });

  it('copies a sample article to personal, and pins it', async () => {
    await row('refund-policy-en').getByTestId('kb-row-open').click();
    expect(await page.getByTestId('kb-edit').count()).toBe(1);
    await page.getByTestId('kb-copy-personal').click();
    await row('refund-policy-en-copy').waitFor();
    expect(await page.getByTestId('kb-view').getAttribute('data-article-id')).toBe('refund-policy-en-copy');
    expect(await row('refund-policy-en-copy').getByTestId('kb-source-badge').textContent()).toBe('Personal');
    expect(await page.getByTestId('kb-copy-personal').count()).toBe(0);
    await page.getByTestId('kb-pin').click();
    await expect
      .poll(() => row('refund-policy-en-copy').getByTestId('kb-row-pin').getAttribute('aria-pressed'))
      .toBe('true');
    await row('refund-policy-en-copy').getByTestId('kb-row-pin').click();
    await expect.poll(() => page.getByTestId('kb-pin').getAttribute('aria-pressed')).toBe('false');
  });

  it('opens from the popup', async () => {
    const popup = await sm.context.newPage();
    await popup.goto(sm.url('popup.html'));
    const opened = sm.context.waitForEvent('page');
    await popup.getByTestId('popup-open-kb').click();
    const kb = await opened;
    await kb.waitForLoadState();
    expect(kb.url()).toBe(sm.url('kb.html'));
    await kb.getByTestId('kb-search').waitFor();
    await kb.close();
    await popup.close();
  });
});

describe('knowledge-base page in Chinese', () => {
  it('follows the browser language', async () => {
    const zh = await launchSeatmate({ lang: 'zh-CN' });
    try {
      const p = await openKb(zh);
      expect(await p.locator('h1').textContent()).toBe('知识库');
      expect(await p.getByTestId('kb-new').textContent()).toBe('新建文章');
      await p.getByTestId('kb-search').fill('退款');
      await expect.poll(() => p.getByTestId('kb-row').first().getAttribute('data-article-id')).toMatch(/^refund/);
      await p.getByTestId('kb-row').first().getByTestId('kb-row-open').click();
      await p.getByTestId('kb-view').waitFor();
      await screenshot(p, 'kb-view-zh');
      await p.getByTestId('kb-new').click();
      await p.getByTestId('kb-save').click();
      expect(await p.locator('[data-testid="kb-field-error"][data-path="title"]').textContent()).toBe('必填。');
      await p.getByTestId('kb-step-add').click();
      await p.getByTestId('kb-field-reply').fill('### 开场\n\n**您好**，欢迎致电。');
      expect(await p.locator('[data-testid="kb-field-error"][data-path="replies"]').count()).toBe(0);
      await p.locator('.kb-detail').evaluate((el) => el.scrollTo(0, 0));
      await screenshot(p, 'kb-editor-zh');
    } finally {
      await zh.close();
    }
  });
});
