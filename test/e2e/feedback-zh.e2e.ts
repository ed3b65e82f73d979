import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSeatmate, type Seatmate } from '../support/launch';
import {
  answerRow,
  chooseFiles,
  downloaded,
  shoot,
  timeLikeValues,
  writeItem,
  type TestFile,
} from '../support/feedback-flow';

/**
 * The loop in Chinese, with the team pack: the agent exports twice (two files), the inbox imports
 * both at once (after refusing a batch with a file that is not a feedback file, in Chinese), finds
 * an item by pinyin, answers it and publishes the pack's reply section; the team pack carries it
 * to the agent, who sees the answer and the status without importing anything.
 */

const origin = inject('demoOrigin');
const packsDir = inject('packsDir');
const PACK_FILE = 'feedback-zh.json';
const PACK_URL = `${origin}/packs/${PACK_FILE}`;
const SCHEDULE = '排班表发布得太晚，家里的事情很难提前安排。';
const HEADSET = '耳机的麦克风经常断开，客户听不清，需要换一批新耳机。';
const ANSWER = '谢谢反馈。从下个月起，排班表提前两周发布。';

let sm: Seatmate;
let agent: Page;
let inbox: Page;
const exports: TestFile[] = [];
let packSection: { replies: unknown[]; replyStatuses: unknown[]; feedbackLoop: unknown };

beforeAll(async () => {
  rmSync(join(packsDir, `${PACK_FILE}.status`), { force: true });
  sm = await launchSeatmate({ lang: 'zh-CN' });
  agent = await sm.context.newPage();
  await agent.goto(sm.url('feedback.html'));
  await agent.getByTestId('feedback-form').waitFor();
});
afterAll(async () => {
  await sm?.close();
});

describe('feedback loop (Chinese, team pack)', () => {
  it('the agent writes two items and exports them in two files, in Chinese', async () => {
    expect(await agent.getByTestId('feedback-ready').textContent()).toBe('放进发件箱');
    await writeItem(agent, { category: 'schedule', text: SCHEDULE, severity: 'medium' }, 1);
    await shoot(agent, 'feedback-zh-written');
    const first = await downloaded(agent, agent.getByTestId('feedback-export-button'));
    await writeItem(agent, { category: 'tools', text: HEADSET }, 2);
    const second = await downloaded(agent, agent.getByTestId('feedback-export-button'));
    // Both are named by the week only; the manager's folder keeps them apart as a browser would.
    expect(second.name).toBe(first.name);
    exports.push(first, { name: first.name.replace('.json', ' (1).json'), text: second.text });
    for (const file of exports) {
      const doc = JSON.parse(file.text) as { items: unknown[] };
      expect(doc.items).toHaveLength(1);
      expect(timeLikeValues(doc)).toEqual([]);
    }
    await expect
      .poll(async () =>
        (await agent.getByTestId('feedback-outbox-status').allTextContents()).map((s) => /导出/.test(s)),
      )
      .toEqual([true, true]);
  });

  it('the inbox refuses a batch holding a file that is not feedback, in Chinese, then imports both files', async () => {
    inbox = await sm.context.newPage();
    await inbox.goto(sm.url('inbox.html'));
    await inbox.getByTestId('inbox-import').waitFor();
    const notFeedback = { name: '排班.json', text: JSON.stringify({ hello: 'world' }) };
    await chooseFiles(inbox, 'inbox-import-files', [...exports, notFeedback]);
    await expect.poll(() => inbox.getByTestId('inbox-import-error').count()).toBe(1);
    const error = inbox.getByTestId('inbox-import-error');
    expect(await error.getAttribute('data-code')).toBe('format');
    expect(await error.textContent()).toMatch(/^排班\.json 不是 Seatmate 反馈文件.*没有导入任何内容/);
    expect(await inbox.getByTestId('inbox-import-refused').textContent()).toContain('3 个文件中有 1 个被拒绝');
    expect(await inbox.getByTestId('inbox-empty').isVisible()).toBe(true);
    await shoot(inbox, 'inbox-refused-zh');

    await chooseFiles(inbox, 'inbox-import-files', exports);
    await expect.poll(() => inbox.getByTestId('inbox-import-file-row').count()).toBe(2);
    await expect.poll(() => inbox.getByTestId('inbox-row').count()).toBe(2);
  });

  it('finds an item by pinyin, answers it and publishes the team pack section', async () => {
    await inbox.getByTestId('inbox-search').fill('paiban');
    await expect.poll(() => inbox.getByTestId('inbox-row-text').allTextContents()).toEqual([SCHEDULE]);
    await inbox.getByTestId('inbox-filter-reset').click();
    await answerRow(inbox, '排班表', ANSWER, 'answered');
    expect(await inbox.getByTestId('inbox-status').locator('option:checked').textContent()).toBe('已回复');
    await shoot(inbox, 'inbox-zh');
    await inbox.getByTestId('inbox-view-overview').click();
    await expect.poll(() => inbox.getByTestId('inbox-loop').textContent()).not.toBe('');
    await shoot(inbox, 'inbox-overview-zh');
    await inbox.getByTestId('inbox-view-items').click();
    const file = await downloaded(inbox, inbox.getByTestId('inbox-publish-pack'));
    packSection = JSON.parse(file.text) as typeof packSection;
    expect(Object.keys(packSection).sort()).toEqual(['feedbackLoop', 'replies', 'replyStatuses']);
    expect(packSection.replies).toHaveLength(1);
    expect(packSection.replyStatuses).toHaveLength(2);
  });

  it('the team pack brings the answer to the agent, who sees it with its status and a badge', async () => {
    const example = JSON.parse(readFileSync('docs/team-pack.example.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(join(packsDir, PACK_FILE), JSON.stringify({ ...example, ...packSection }));
    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    await options.getByTestId('packs-url-input').fill(PACK_URL);
    await options.getByTestId('packs-subscribe').click();
    await expect.poll(() => options.locator('[data-testid="packs-row"]').count()).toBe(1);
    await options.close();

    await agent.bringToFront();
    const item = agent.getByTestId('feedback-reply-item').filter({ hasText: '排班表' });
    await expect.poll(() => item.getByTestId('feedback-reply-answer').textContent()).toContain(ANSWER);
    expect(await item.getByTestId('feedback-reply-status').textContent()).toMatch(/^已回复/);
    const other = agent.getByTestId('feedback-reply-item').filter({ hasText: '耳机' });
    expect(await other.getByTestId('feedback-reply-status').textContent()).toMatch(/^已收到/);
    expect(await agent.getByTestId('feedback-replies-unread').textContent()).toMatch(/1/);
    await agent.getByTestId('feedback-replies').scrollIntoViewIfNeeded();
    await shoot(agent, 'feedback-zh');

    const popup = await sm.context.newPage();
    await popup.setViewportSize({ width: 340, height: 480 });
    await popup.goto(sm.url('popup.html'));
    await expect.poll(() => popup.getByTestId('popup-feedback-badge').textContent()).toBe('1');
    expect(await popup.getByTestId('popup-open-feedback').textContent()).toMatch(/反馈/);
    await shoot(popup, 'popup-badge-zh');
    await popup.close();
  });
});
