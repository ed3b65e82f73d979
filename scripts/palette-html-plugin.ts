import type { Plugin } from 'vite';

/** The meta element that carries the palette's module script in the built overlay.html. */
export const PALETTE_SCRIPT_META = 'seatmate-palette-script';

/**
 * The built overlay.html (the palette page) loads no module script before its `load` event.
 *
 * The console gives the palette the keyboard on that event, and it waited for the page's module
 * graph (the entry and four shared chunks, each fetched through the browser): 30–45 ms of a first
 * open without a preload. Vite always writes the entry as a `<script type="module">` with its
 * module preloads; this moves the entry's URL into a meta element and drops the preloads, and the
 * page's one plain script (entrypoints/overlay-boot.ts, `/overlay-boot.js`) imports it once the
 * palette has the keyboard. Only in a build (the dev server serves the page as written).
 */
export function paletteScriptAfterLoad(): Plugin {
  return {
    name: 'seatmate:palette-script-after-load',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.filename.replaceAll('\\', '/').endsWith('entrypoints/overlay/index.html')) return html;
        const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        if (!entry)
          throw new Error('overlay.html: the palette module script was not found (see scripts/palette-html-plugin.ts)');
        return html
          .replace(entry[0], `<meta name="${PALETTE_SCRIPT_META}" content="${entry[1]}">`)
          .replace(/\n?\s*<link rel="modulepreload"[^>]*>/g, '');
      },
    },
  };
}
