/**
 * Renders assets/icon/seatmate.svg to the PNG sizes the manifest uses (public/icon/<size>.png).
 * Run after editing the SVG: `npm run icons` (needs /usr/bin/chromium).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../test/support/launch';

const svg = readFileSync(resolve(import.meta.dirname, '../assets/icon/seatmate.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
for (const size of [16, 32, 48, 96, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
  );
  await page.screenshot({ path: resolve(import.meta.dirname, `../public/icon/${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
console.log('Icons written to public/icon/');
