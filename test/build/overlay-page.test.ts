import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTE_SCRIPT_META } from '../../scripts/palette-html-plugin';

/**
 * The palette page as built (`npm run build` first). The console gives the palette the keyboard
 * on the page's `load` event, so before it the page may load its boot script and nothing else
 * (scripts/palette-html-plugin.ts, entrypoints/overlay-boot.ts).
 */
const OUT = resolve(import.meta.dirname, '../../.output/chrome-mv3');
const read = (path: string) => readFileSync(resolve(OUT, path.replace(/^\//, '')), 'utf8');

describe('the built palette page (overlay.html)', () => {
  const html = existsSync(resolve(OUT, 'overlay.html')) ? read('overlay.html') : '';

  it('exists (run `npm run build` first)', () => {
    expect(html, `${OUT}/overlay.html is missing: run npm run build`).not.toBe('');
  });

  it('loads one plain script before its load event: no module script, preload or style sheet', () => {
    expect(html).not.toMatch(/<script[^>]*type="module"/);
    expect(html).not.toMatch(/rel="(modulepreload|stylesheet)"/);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/overlay-boot.js']);
    const boot = read('/overlay-boot.js');
    // One file: no import of a chunk before load (the palette's is dynamic, by URL).
    expect(boot).not.toMatch(/\bimport\s*[{*"']|from\s*"\.\//);
    console.log(`overlay-boot.js: ${(boot.length / 1024).toFixed(1)} KB`);
    expect(boot.length).toBeLessThan(40 * 1024);
  });

  it('names the palette module for the boot script, and that module loads the palette', () => {
    const src = new RegExp(`<meta name="${PALETTE_SCRIPT_META}" content="([^"]+)">`).exec(html)?.[1];
    expect(src).toMatch(/^\/chunks\/overlay-[\w-]+\.js$/);
    expect(read(src!)).toMatch(/chunks\/start-[\w-]+\.js/);
  });
});
