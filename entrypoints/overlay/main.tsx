// The palette page's module entry. The built page does not run it before its `load` event: the
// boot script (entrypoints/overlay-boot.ts) imports it once the palette has the keyboard (see
// scripts/palette-html-plugin.ts). It loads the palette proper, with its style sheets.
void import('./start');
