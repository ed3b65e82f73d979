import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(resolve(import.meta.dirname, '../..', path), 'utf8');

/** The `--sm-*` custom properties a style sheet sets, by name. */
function themeColours(css: string): Map<string, string> {
  return new Map([...css.matchAll(/(--sm-[a-z-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

describe('the boot search box of the palette page (overlay.html)', () => {
  const html = read('entrypoints/overlay/index.html');
  const inline = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';

  it('is styled by the page itself, with no style sheet for its load event to wait for', () => {
    expect(inline).toContain('#boot input');
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  });

  it("uses theme.css's colours", () => {
    const theme = themeColours(read('components/theme.css'));
    const own = themeColours(inline);
    expect(own.size).toBeGreaterThan(0);
    for (const [name, value] of own) expect(value, name).toBe(theme.get(name));
  });

  it('is styled by the palette sheets once the palette loads (they come with start.tsx, not main.tsx)', () => {
    expect(read('entrypoints/overlay/start.tsx')).toMatch(/import '\.\/overlay\.css'/);
    expect(read('entrypoints/overlay/main.tsx')).not.toMatch(/\.css'/);
  });
});
