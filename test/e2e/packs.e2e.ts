import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSeatmate, type Seatmate } from '../support/launch';
import { screenshot } from '../support/screens';

const origin = inject('demoOrigin');
const packsDir = inject('packsDir');
const PACK_FILE = 'care.json';
const PACK_URL = `${origin}/packs/${PACK_FILE}`;
const example = readFileSync('docs/team-pack.example.json', 'utf8');
const PACK_ID = (JSON.parse(example) as { id: string }).id;
const SHOTS = process.env.SEATMATE_SHOTS_DIR;

let sm: Seatmate;
let page: Page;

beforeAll(async () => {
  writeFileSync(join(packsDir, PACK_FILE), example);
  rmSync(join(packsDir, `${PACK_FILE}.status`), { force: true });
  rmSync(join(packsDir, `${PACK_FILE}.requests`), { force: true });
  sm = await launchSeatmate();
  page = await sm.context.newPage();
  await page.goto(sm.url('options.html'));
  await page.getByTestId('packs-url-input').waitFor();
});
afterAll(async () => {
  await sm?.close();
});

/** Counts stored articles by source / pack id, straight from the extension's IndexedDB. */
function countArticles(): Promise<{ pack: number; other: number }> {
  return page.evaluate(
    (packId) =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('seatmate');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('articles').objectStore('articles').getAll();
          all.onsuccess = () => {
            const rows = all.result as { packId?: string }[];
            const pack = rows.filter((a) => a.packId === packId).length;
            open.result.close();
            ok({ pack, other: rows.length - pack });
          };
        };
      }),
    PACK_ID,
  );
}

/** The pack server's request log: validators sent and the status answered. */
function requests(): { ifNoneMatch: string | null; ifModifiedSince: string | null; status: number }[] {
  return readFileSync(join(packsDir, `${PACK_FILE}.requests`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { ifNoneMatch: string | null; ifModifiedSince: string | null; status: number });
}

async function shootSection(name: string): Promise<void> {
  await screenshot(page, name);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.getByTestId('packs-section').screenshot({ path: join(SHOTS, `${name}.png`) });
  }
}

const row = () => page.locator(`[data-testid="packs-row"][data-pack-id="${PACK_ID}"]`);

describe('team packs in Options', () => {
  let samples = 0;

  it('subscribes by URL and lists name, version, article count and source', async () => {
    await expect.poll(async () => (await countArticles()).other).toBeGreaterThan(0);
    samples = (await countArticles()).other;
    await page.getByTestId('packs-url-input').fill(PACK_URL);
    await page.getByTestId('packs-subscribe').click();
    await expect.poll(() => page.getByTestId('packs-notice').textContent()).toMatch(/Subscribed to .*4 articles/);
    await expect.poll(() => row().count()).toBe(1);
    expect(await row().getByTestId('packs-name').textContent()).toBe('星海客服 · 售后组 StarSea Care');
    expect(await row().getByTestId('packs-version').textContent()).toBe('version 2026-03-02');
    expect(await row().getByTestId('packs-count').textContent()).toBe('4 articles');
    expect(await row().getByTestId('packs-source').textContent()).toBe(PACK_URL);
    expect(await row().getByTestId('packs-status').getAttribute('data-kind')).toBe('ok');
    expect(await countArticles()).toEqual({ pack: 4, other: samples });
    expect(requests()).toEqual([{ ifNoneMatch: null, ifModifiedSince: null, status: 200 }]);
  });

  it('schedules an hourly sync alarm', async () => {
    const worker = await sm.worker();
    const alarm = await worker.evaluate(() => chrome.alarms.get('seatmate-pack-sync'));
    expect(alarm?.periodInMinutes).toBe(60);
  });

  it('Sync now with an unchanged file takes the 304 path and keeps everything', async () => {
    const lastGood = await row().getByTestId('packs-last-good').textContent();
    await row().getByTestId('packs-sync-now').click();
    await expect.poll(() => page.getByTestId('packs-notice').textContent()).toMatch(/is up to date/);
    const last = requests().at(-1)!;
    expect(last.status).toBe(304);
    expect(last.ifNoneMatch).toMatch(/^".+"$/);
    expect(last.ifModifiedSince).toMatch(/GMT$/);
    expect(await row().getByTestId('packs-last-good').textContent()).toBe(lastGood);
    expect(await countArticles()).toEqual({ pack: 4, other: samples });
  });

  it('a server error keeps the previous version and shows the error with the last good sync', async () => {
    writeFileSync(join(packsDir, `${PACK_FILE}.status`), '500');
    const lastGood = await row().getByTestId('packs-last-good').textContent();
    await row().getByTestId('packs-sync-now').click();
    const status = row().getByTestId('packs-status');
    await expect.poll(() => status.getAttribute('data-kind')).toBe('error');
    expect(await status.textContent()).toMatch(/The server answered with an error \(HTTP 500 Internal Server Error\)/);
    expect(await status.textContent()).toMatch(/Still using the previous version/);
    expect(await row().getByTestId('packs-last-good').textContent()).toBe(lastGood);
    expect(lastGood).toMatch(/^Last good sync: \w+/);
    expect(await row().getByTestId('packs-count').textContent()).toBe('4 articles');
    expect(await countArticles()).toEqual({ pack: 4, other: samples });
    await shootSection('packs-en');

    await page.getByTestId('options-language').selectOption('zh-CN');
    await expect.poll(() => page.locator('#packs-heading').textContent()).toBe('团队知识包');
    expect(await status.textContent()).toMatch(/同步失败：服务器返回错误/);
    await shootSection('packs-zh');
    await page.getByTestId('options-language').selectOption('en');
    await expect.poll(() => page.locator('#packs-heading').textContent()).toBe('Team packs');

    rmSync(join(packsDir, `${PACK_FILE}.status`));
    await row().getByTestId('packs-sync-now').click();
    await expect.poll(() => status.getAttribute('data-kind')).toBe('ok');
  });

  it('removes a pack with its articles, and Undo brings it back', async () => {
    await row().getByTestId('packs-remove').click();
    await expect.poll(() => row().count()).toBe(0);
    expect(await countArticles()).toEqual({ pack: 0, other: samples });
    await page.getByTestId('packs-undo').click();
    await expect.poll(() => row().count()).toBe(1);
    expect(await countArticles()).toEqual({ pack: 4, other: samples });
  });

  it('imports a pack file; an invalid one names the field and stores nothing', async () => {
    const broken = JSON.parse(example) as { id: string; name: string; articles: { title: string }[] };
    broken.id = 'from-file';
    broken.name = 'Night shift (file)';
    broken.articles[1]!.title = '';
    await page.getByTestId('packs-import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await expect.poll(() => page.getByTestId('packs-notice').textContent()).toMatch(/articles\[1\]\.title/);
    expect(await page.getByTestId('packs-row').count()).toBe(1);

    broken.articles[1]!.title = 'Fixed';
    await page.getByTestId('packs-import-file').setInputFiles({
      name: 'fixed.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const fileRow = page.locator('[data-testid="packs-row"][data-pack-id="from-file"]');
    await expect.poll(() => fileRow.count()).toBe(1);
    expect(await fileRow.getByTestId('packs-source').textContent()).toBe('Imported from a file');
    expect(await fileRow.getByTestId('packs-sync-now').count()).toBe(0);
    await shootSection('packs-list-en');
  });
});
