/**
 * `npm run demo`: serves the demo console, opens Chromium with the demo build of Seatmate loaded
 * (the demo console already added as a console site, the sample knowledge base loaded) and shows
 * the console. With no display (CI, SSH) it runs headless, walks through the demo and saves
 * screenshots instead.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../test/fixtures/server';
import { launchSeatmate, waitForConsoleRegistration, waitForOverlayFrame } from '../test/support/launch';

const PORT = Number(process.env.SEATMATE_DEMO_PORT ?? 5178);
const SHOTS = resolve(import.meta.dirname, '../demo-screenshots');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
const headless = process.env.SEATMATE_DEMO_HEADLESS === '1' || !hasDisplay;

const server = await startDemoServer(PORT);
const consoleUrl = `${server.origin}/console/`;
console.log(`Demo console: ${consoleUrl}`);

if (!headless) {
  // A fresh profile each run: the demo always starts from the sample data.
  const sm = await launchSeatmate({ headless: false });
  await waitForConsoleRegistration(sm);
  const page = sm.context.pages()[0] ?? (await sm.context.newPage());
  await page.goto(consoleUrl);
  console.log('Chromium is open with Seatmate loaded. Click into the reply box and press Alt+K.');
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  await new Promise<void>((done) => {
    sm.context.on('close', () => done());
    process.once('SIGINT', () => done());
  });
  await sm.close().catch(() => undefined);
  await server.close();
  process.exit(0);
}

console.log('No display found: running the demo headless and saving screenshots.');
mkdirSync(SHOTS, { recursive: true });
const shots: string[] = [];
for (const lang of ['en-US', 'zh-CN']) {
  const tag = lang.startsWith('zh') ? 'zh' : 'en';
  const sm = await launchSeatmate({ lang });
  await waitForConsoleRegistration(sm);
  const page = await sm.context.newPage();
  await page.goto(consoleUrl);
  await page.getByTestId('sim-ring').click();
  await page.getByTestId('sim-answer').click();
  await page.getByTestId('reply-box').click();
  await page.keyboard.press('Alt+KeyK');
  const frame = await waitForOverlayFrame(page, sm.extensionId);
  if (!frame) throw new Error('The palette did not open on the demo console.');
  await frame.getByTestId('palette-search').waitFor();
  // Pinyin initials in Chinese (退款政策), a typo in English: both find the refund script.
  await page.keyboard.type(tag === 'zh' ? 'tkzc' : 'refnud');
  await frame.getByTestId('palette-result').first().waitFor();
  await page.waitForTimeout(300);
  const save = async (name: string, p = page) => {
    const path = join(SHOTS, `${name}-${tag}.png`);
    await p.screenshot({ path });
    shots.push(path);
  };
  await save('console-palette');
  await page.keyboard.press('Enter');
  // The refund script asks for the customer's name, order number and amount first.
  const values: Record<string, string> =
    tag === 'zh'
      ? { customerName: '王女士', orderNumber: 'SO-240612-0087', amount: '¥39.00' }
      : { customerName: 'Ms Wang', orderNumber: 'SO-240612-0087', amount: '¥39.00' };
  await frame.getByTestId('palette-placeholder-form').waitFor();
  for (const [key, value] of Object.entries(values)) {
    await frame.getByTestId(`palette-placeholder-${key}`).fill(value);
  }
  await page.waitForTimeout(200);
  await save('console-placeholders');
  await frame.getByTestId('palette-placeholder-submit').click();
  await page.waitForTimeout(300);
  await save('console-inserted');

  const popup = await sm.context.newPage();
  await popup.setViewportSize({ width: 340, height: 560 });
  await popup.goto(sm.url('popup.html'));
  await popup.getByTestId('state-button-talk').click();
  await popup.waitForTimeout(300);
  await save('popup', popup);

  const options = await sm.context.newPage();
  await options.goto(sm.url('options.html'));
  await options.getByTestId('options-site-list').waitFor();
  await options.waitForTimeout(300);
  await save('options', options);

  const kb = await sm.context.newPage();
  await kb.goto(sm.url('kb.html'));
  await kb.getByTestId('kb-row').first().waitFor();
  await kb.getByTestId('kb-search').fill(tag === 'zh' ? '开场' : 'greeting');
  await kb.getByTestId('kb-row-open').first().click();
  await kb.getByTestId('kb-view').waitFor();
  await kb.waitForTimeout(300);
  await save('kb', kb);
  await sm.close();
}
await server.close();
console.log(`Screenshots saved in ${SHOTS}:`);
for (const s of shots) console.log(`  ${s}`);
