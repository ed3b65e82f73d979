import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Seatmate } from './launch';

/** Where the feedback e2e tests leave screenshots for a person to look at. */
export const FEEDBACK_SHOTS = process.env.SEATMATE_FEEDBACK_SHOTS ?? '/tmp/shots-feedback';

/** A file as the tests hand it around: its name and text. */
export interface TestFile {
  name: string;
  text: string;
}

/** Saves a full-page screenshot as <FEEDBACK_SHOTS>/<name>.png. */
export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(FEEDBACK_SHOTS, { recursive: true });
  const path = join(FEEDBACK_SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Clicks `target` and returns the file it downloads. */
export async function downloaded(page: Page, target: Locator): Promise<TestFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), target.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Hands `files` to a FileDrop's hidden input (`<testId>-input`). */
export async function chooseFiles(page: Page, testId: string, files: readonly TestFile[]): Promise<void> {
  await page
    .getByTestId(`${testId}-input`)
    .setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text, 'utf8') })),
    );
}

/**
 * Sets the agent's name in the stored settings (the name the warnings look for), after the demo
 * install has seeded its console site (which rewrites the settings).
 */
export async function setAgentName(sm: Seatmate, name: string): Promise<void> {
  const worker = await sm.worker();
  for (let tries = 0; ; tries++) {
    const seeded = await worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get('settings')) as { settings?: { pageRules?: unknown[] } };
      return (settings?.pageRules?.length ?? 0) > 0;
    });
    if (seeded) break;
    if (tries > 150) throw new Error('The demo install did not seed its settings in time.');
    await new Promise((r) => setTimeout(r, 100));
  }
  await worker.evaluate(async (agentName) => {
    const { settings } = (await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> };
    await chrome.storage.local.set({ settings: { ...settings, agentName } });
  }, name);
}

/**
 * Writes one item in the composer (anonymous unless the form says otherwise) and puts it in the
 * outbox; waits until the outbox lists `count` items.
 */
export async function writeItem(
  page: Page,
  item: { category: string; text: string; severity?: 'low' | 'medium' | 'high' },
  count: number,
): Promise<void> {
  await page.getByTestId('feedback-category').selectOption(item.category);
  await page.getByTestId('feedback-text').fill(item.text);
  if (item.severity) await page.getByTestId(`feedback-severity-${item.severity}`).check();
  await expect.poll(() => page.getByTestId('feedback-draft-status').getAttribute('data-state')).toBe('saved');
  await page.getByTestId('feedback-ready').click();
  await expect.poll(() => page.getByTestId('feedback-outbox-item').count()).toBe(count);
}

/** Answers the inbox row whose text contains `text`: status, then an answer. */
export async function answerRow(inbox: Page, text: string, answer: string, status: string): Promise<void> {
  await inbox.getByTestId('inbox-row').filter({ hasText: text }).click();
  await expect.poll(() => inbox.getByTestId('inbox-detail-text').textContent()).toContain(text);
  await inbox.getByTestId('inbox-reply').fill(answer);
  await inbox.getByTestId('inbox-reply-save').click();
  await expect.poll(() => inbox.getByTestId('inbox-answer').count()).toBe(1);
  await inbox.getByTestId('inbox-status').selectOption(status);
  await expect
    .poll(() => inbox.getByTestId('inbox-row').filter({ hasText: text }).getAttribute('data-status'))
    .toBe(status);
}

/**
 * Every value in an export that could carry a time: keys that sound like one, and strings that
 * look like a date or a time (the only time allowed is an ISO week, `2026-W11`).
 */
export function timeLikeValues(doc: unknown): string[] {
  const out: string[] = [];
  // Random ids, reply keys and the digest are base64 or UUIDs: any pattern may turn up in them.
  const random = new Set(['id', 'replyKey', 'digest']);
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (/^at$|At$/.test(k) || /time|date|day|stamp|created|updated|zone|offset/i.test(k)) out.push(`${path}.${k}`);
        if (!random.has(k)) walk(x, `${path}.${k}`);
      }
    } else if (typeof v === 'string' && /\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|T\d{2}/.test(v)) out.push(`${path}=${v}`);
    else if (typeof v === 'number' && v > 1e9) out.push(`${path}=${v}`);
  };
  walk(doc, '$');
  return out;
}
