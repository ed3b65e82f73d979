import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSeatmate, type Seatmate } from '../support/launch';
import {
  answerRow,
  chooseFiles,
  downloaded,
  setAgentName,
  shoot,
  timeLikeValues,
  type TestFile,
} from '../support/feedback-flow';

/**
 * The whole loop in English, with a replies file: an agent writes anonymous feedback (warned about
 * their own name and e-mail), exports it; the manager's inbox refuses a tampered copy (nothing
 * imported), imports the file, dedupes it, searches, answers and publishes the replies; the agent
 * imports them and sees the answer and the status, with a badge in the popup.
 */

const NAME = 'Mei Chen';
const CRM = 'The CRM search times out when the customer has more than twenty orders.';
const REFUND = 'Refunds need three approvals and customers wait too long on the line.';
const ANSWER = 'Thanks. IT is raising the search limit; until then, search by order number.';

let sm: Seatmate;
let agent: Page;
let inbox: Page;
let exportFile: TestFile;
let repliesFile: TestFile;

beforeAll(async () => {
  sm = await launchSeatmate({ lang: 'en-US' });
  await setAgentName(sm, NAME);
  agent = await sm.context.newPage();
  await agent.goto(sm.url('feedback.html'));
  await agent.getByTestId('feedback-form').waitFor();
});
afterAll(async () => {
  await sm?.close();
});

/** The stored outbox rows, straight from the extension's IndexedDB. */
function outboxRows(page: Page): Promise<Array<{ id: string; secret: string; createdAt: number; status: string }>> {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('seatmate');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('feedback').objectStore('feedback').getAll();
          all.onsuccess = () => {
            open.result.close();
            ok(all.result as Array<{ id: string; secret: string; createdAt: number; status: string }>);
          };
        };
      }),
  );
}

describe('feedback loop (English, replies file)', () => {
  it('warns before an anonymous item that names the agent, then puts the cleaned item in the outbox', async () => {
    await agent.getByTestId('feedback-category').selectOption('tools');
    await agent.getByTestId('feedback-text').fill(`${NAME} here. ${CRM} Mail me at mei.chen@example.com`);
    await expect.poll(() => agent.getByTestId('feedback-draft-status').getAttribute('data-state')).toBe('saved');
    await agent.getByTestId('feedback-ready').click();
    await expect.poll(() => agent.getByTestId('feedback-warning').isVisible()).toBe(true);
    const kinds = await agent
      .getByTestId('feedback-warning-finding')
      .evaluateAll((els) => els.map((e) => e.dataset.kind));
    expect(kinds).toEqual(expect.arrayContaining(['ownName', 'email']));
    // Still a draft: nothing is ready to export until the agent decides.
    await expect.poll(() => agent.getByTestId('feedback-outbox-status').allTextContents()).toEqual(['Draft']);
    await shoot(agent, 'feedback-warning-en');
    // Editing the text clears the warning; then it goes into the outbox.
    await agent.getByTestId('feedback-text').fill(CRM);
    await expect.poll(() => agent.getByTestId('feedback-warning-cleared').isVisible()).toBe(true);
    await agent.getByTestId('feedback-ready').click();
    // (The draft is listed already: its status changes when the ready item is stored.)
    await expect.poll(() => agent.getByTestId('feedback-outbox-item').count()).toBe(1);
    await expect.poll(() => agent.getByTestId('feedback-outbox-status').first().textContent()).toMatch(/ready/i);
  });

  it('works from the keyboard alone, and a withdrawn item comes back with Undo', async () => {
    await agent.getByTestId('feedback-category').focus();
    // "Process" is the first category: arrow keys choose on a closed select.
    for (let i = 0; i < 8; i++) await agent.keyboard.press('ArrowUp');
    await expect.poll(() => agent.getByTestId('feedback-category').inputValue()).toBe('process');
    await agent.keyboard.press('Tab');
    await agent.keyboard.type(REFUND);
    expect(await agent.getByTestId('feedback-text').inputValue()).toBe(REFUND);
    await expect.poll(() => agent.getByTestId('feedback-draft-status').getAttribute('data-state')).toBe('saved');
    await agent.getByTestId('feedback-severity-high').focus();
    await agent.keyboard.press('Space');
    await agent.getByTestId('feedback-ready').focus();
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.getByTestId('feedback-outbox-item').count()).toBe(2);
    // Withdrawn the moment it shows as ready (the form saved every key typed, one after another,
    // before it put the item in the outbox: a Withdraw in between is checked in feedback-outbox.test.ts).
    const refund = agent.getByTestId('feedback-outbox-item').filter({ hasText: 'Refunds' });
    await expect.poll(() => refund.getByTestId('feedback-outbox-status').textContent()).toMatch(/ready/i);
    await refund.getByTestId('feedback-outbox-withdraw').click();
    await expect.poll(() => refund.getByTestId('feedback-outbox-status').textContent()).toMatch(/withdrawn/i);
    await agent.getByTestId('feedback-undo').click();
    await expect.poll(() => refund.getByTestId('feedback-outbox-status').textContent()).toMatch(/ready/i);
    const rows = await outboxRows(agent);
    expect(rows.find((r) => r.status === 'ready' && r.id)).toBeDefined();
    expect(rows.filter((r) => r.status === 'ready')).toHaveLength(2);
  });

  it('exports a file with no name, id or time finer than the ISO week', async () => {
    await expect.poll(() => agent.getByTestId('feedback-export-count').textContent()).toMatch(/2/);
    const rows = await outboxRows(agent);
    exportFile = await downloaded(agent, agent.getByTestId('feedback-export-button'));
    expect(exportFile.name).toMatch(/^seatmate-feedback-\d{4}-W\d{2}\.json$/);
    const doc = JSON.parse(exportFile.text) as { week: string; items: Array<Record<string, unknown>> } & Record<
      string,
      unknown
    >;
    expect(Object.keys(doc).sort()).toEqual([
      'format',
      'integrity',
      'items',
      'kbGaps',
      'mood',
      'schemaVersion',
      'week',
    ]);
    // The optional sections stay empty unless the agent ticks them.
    expect([doc.kbGaps, doc.mood]).toEqual([[], []]);
    expect(doc.items).toHaveLength(2);
    for (const item of doc.items) {
      expect(Object.keys(item).sort()).toEqual(['article', 'category', 'id', 'replyKey', 'severity', 'text', 'week']);
      expect(item.week).toBe(doc.week);
    }
    expect(doc.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(timeLikeValues(doc)).toEqual([]);
    // Nothing of the agent or the browser: not the name, not the e-mail, not the extension's id,
    // not the browser, not the items' secrets or their stored times.
    const ua = await agent.evaluate(() => navigator.userAgent);
    for (const secret of [NAME, 'mei.chen', sm.extensionId, ua, 'Chrom', ...rows.map((r) => r.secret)]) {
      expect(exportFile.text).not.toContain(secret);
    }
    for (const r of rows) expect(exportFile.text).not.toContain(String(r.createdAt));
    await expect.poll(() => agent.getByTestId('feedback-export-result').isVisible()).toBe(true);
    await expect
      .poll(() => agent.getByTestId('feedback-outbox-status').allTextContents())
      .toEqual([expect.stringMatching(/exported/i), expect.stringMatching(/exported/i)]);
    await shoot(agent, 'feedback-en');
  });

  it('the inbox refuses a tampered file with its name and imports nothing', async () => {
    inbox = await sm.context.newPage();
    await inbox.goto(sm.url('inbox.html'));
    await inbox.getByTestId('inbox-import').waitFor();
    await expect.poll(() => inbox.getByTestId('inbox-empty').isVisible()).toBe(true);
    const tampered = {
      name: 'tampered.json',
      text: exportFile.text.replace('twenty orders', 'two orders'),
    };
    expect(tampered.text).not.toBe(exportFile.text);
    const broken = { name: 'half-copied.json', text: exportFile.text.slice(0, 200) };
    await chooseFiles(inbox, 'inbox-import-files', [exportFile, tampered, broken]);
    await expect.poll(() => inbox.getByTestId('inbox-import-refused').isVisible()).toBe(true);
    const errors = inbox.getByTestId('inbox-import-error');
    expect(await errors.evaluateAll((els) => els.map((e) => [e.dataset.file, e.dataset.code]))).toEqual([
      ['tampered.json', 'integrity'],
      ['half-copied.json', 'json'],
    ]);
    expect(await errors.first().textContent()).toMatch(/^tampered\.json was changed .*Nothing was imported/);
    expect(await inbox.getByTestId('inbox-import-refused').textContent()).toContain('2 of 3 files were refused');
    expect(await inbox.getByTestId('inbox-empty').isVisible()).toBe(true);
    await shoot(inbox, 'inbox-refused-en');
  });

  it('imports the file, then the same file again as duplicates', async () => {
    await chooseFiles(inbox, 'inbox-import-files', [exportFile]);
    await expect
      .poll(() => inbox.getByTestId('inbox-import-summary').textContent())
      .toBe('Files read: 1. New items: 2; already in the inbox: 0; sections added: 0.');
    await expect.poll(() => inbox.getByTestId('inbox-row').count()).toBe(2);
    await chooseFiles(inbox, 'inbox-import-files', [exportFile]);
    await expect
      .poll(() => inbox.getByTestId('inbox-import-summary').textContent())
      .toBe('Files read: 1. New items: 0; already in the inbox: 2; sections added: 0.');
    expect(await inbox.getByTestId('inbox-row').count()).toBe(2);
    // Nothing in the inbox says who wrote it.
    expect(await inbox.locator('body').textContent()).not.toContain(NAME);
  });

  it('searches fuzzily with the match marked, answers one item and sets a status on the other', async () => {
    await inbox.getByTestId('inbox-search').fill('twenty ordrs');
    await expect.poll(() => inbox.getByTestId('inbox-row').count()).toBe(1);
    expect(await inbox.getByTestId('inbox-row').locator('mark').count()).toBeGreaterThan(0);
    await inbox.getByTestId('inbox-filter-reset').click();
    await expect.poll(() => inbox.getByTestId('inbox-row').count()).toBe(2);
    await inbox.getByTestId('inbox-filter-category').selectOption('process');
    await expect.poll(() => inbox.getByTestId('inbox-row-text').allTextContents()).toEqual([REFUND]);
    await inbox.getByTestId('inbox-filter-reset').click();
    await answerRow(inbox, 'CRM', ANSWER, 'answered');
    await inbox.getByTestId('inbox-row').filter({ hasText: 'Refunds' }).click();
    await expect.poll(() => inbox.getByTestId('inbox-detail-text').textContent()).toBe(REFUND);
    await inbox.getByTestId('inbox-status').selectOption('in_progress');
    await expect
      .poll(() => inbox.getByTestId('inbox-row').filter({ hasText: 'Refunds' }).getAttribute('data-status'))
      .toBe('in_progress');
    await inbox.getByTestId('inbox-row').filter({ hasText: 'CRM' }).click();
    await shoot(inbox, 'inbox-en');
  });

  it('clears the inbox and brings it back with Undo', async () => {
    await inbox.getByTestId('inbox-clear').click();
    await expect.poll(() => inbox.getByTestId('inbox-empty').isVisible()).toBe(true);
    await inbox.getByTestId('inbox-undo').click();
    await expect.poll(() => inbox.getByTestId('inbox-row').count()).toBe(2);
    expect(await inbox.getByTestId('inbox-row').filter({ hasText: 'CRM' }).getAttribute('data-status')).toBe(
      'answered',
    );
  });

  it('shows the loop figures and publishes a replies file that names no item', async () => {
    await inbox.getByTestId('inbox-view-overview').click();
    await expect.poll(() => inbox.getByTestId('inbox-loop').textContent()).toMatch(/answered 1 of 2 items \(50%\)/);
    await shoot(inbox, 'inbox-overview-en');
    await inbox.getByTestId('inbox-view-items').click();
    repliesFile = await downloaded(inbox, inbox.getByTestId('inbox-publish-file'));
    expect(repliesFile.name).toMatch(/^seatmate-replies-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(exportFile.text) as { items: Array<{ id: string; text: string }> };
    for (const item of doc.items) {
      expect(repliesFile.text).not.toContain(item.id);
      expect(repliesFile.text).not.toContain(item.text);
    }
    expect(repliesFile.text).toContain(ANSWER);
  });

  it('the agent imports the replies (a broken one refused first) and sees answer, status and badge', async () => {
    await agent.bringToFront();
    await chooseFiles(agent, 'feedback-replies-file', [{ name: 'replies-broken.json', text: '{"format": 1' }]);
    await expect.poll(() => agent.getByTestId('feedback-replies-error').textContent()).toMatch(/^replies-broken\.json/);
    expect(await agent.getByTestId('feedback-replies-empty').isVisible()).toBe(true);

    await chooseFiles(agent, 'feedback-replies-file', [repliesFile]);
    await expect
      .poll(() => agent.getByTestId('feedback-replies-result').textContent())
      .toBe(`${repliesFile.name}: news about your items (items: 2, answers: 1).`);
    const crm = agent.getByTestId('feedback-reply-item').filter({ hasText: 'CRM' });
    await expect.poll(() => crm.getByTestId('feedback-reply-answer').textContent()).toContain(ANSWER);
    expect(await crm.getByTestId('feedback-reply-status').textContent()).toMatch(/^Answered/);
    const refund = agent.getByTestId('feedback-reply-item').filter({ hasText: 'Refunds' });
    expect(await refund.getByTestId('feedback-reply-status').textContent()).toMatch(/^In progress/);
    expect(await agent.getByTestId('feedback-loop').textContent()).toMatch(/answered 1 of 2 items \(50%\)/);
    await agent.getByTestId('feedback-replies').scrollIntoViewIfNeeded();
    await shoot(agent, 'feedback-replies-en');

    const popup = await sm.context.newPage();
    await popup.setViewportSize({ width: 340, height: 480 });
    await popup.goto(sm.url('popup.html'));
    await expect.poll(() => popup.getByTestId('popup-feedback-badge').textContent()).toBe('1');
    await shoot(popup, 'popup-badge-en');
    await crm.getByTestId('feedback-reply-read').click();
    await expect.poll(() => popup.getByTestId('popup-feedback-badge').count()).toBe(0);
    await popup.close();
  });

  it('keeps a Withdraw clicked while the form is still saving what was typed', async () => {
    await agent.bringToFront();
    await agent.getByTestId('feedback-text').click();
    // Typed quickly: the form saves every key, one after another, and lags behind.
    await agent.keyboard.type('The queue screen freezes when two calls ring at once, every afternoon.');
    const item = agent.getByTestId('feedback-outbox-item').filter({ hasText: 'The queue screen' });
    await item.getByTestId('feedback-outbox-withdraw').click();
    const stored = async () => (await outboxRows(agent)).filter((r) => r.status !== 'exported');
    await expect.poll(async () => (await stored()).map((r) => r.status)).toEqual(['withdrawn']);
    // The form's saves after it (keys still queued, or typed now) are refused, and it says so.
    await agent.getByTestId('feedback-text').click();
    await agent.keyboard.press('End');
    await agent.keyboard.type(' Still.');
    await expect
      .poll(() =>
        agent
          .getByRole('alert')
          .filter({ hasText: /withdrawn or changed in your outbox/ })
          .count(),
      )
      .toBeGreaterThan(0);
    // The form keeps the text, and no longer claims it is saved.
    expect(await agent.getByTestId('feedback-text').inputValue()).toMatch(/every afternoon\. Still\.$/);
    await expect.poll(() => agent.getByTestId('feedback-draft-status').getAttribute('data-state')).toBe('refused');
    await shoot(agent, 'feedback-withdrawn-while-saving-en');
    await agent.waitForTimeout(1_000); // (the form's queue has drained: nothing may write after it)
    expect((await stored()).map((r) => r.status)).toEqual(['withdrawn']);
    await expect.poll(() => item.getByTestId('feedback-outbox-status').textContent()).toMatch(/withdrawn/i);
  });
});
