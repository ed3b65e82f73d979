import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectTestIds, readNotes, renderTestIdDoc, staleNotes } from '@/scripts/testids';

/** docs/testids.md is generated from the code; this fails when someone forgot to regenerate it. */
describe('docs/testids.md', () => {
  const ids = collectTestIds();
  const notes = readNotes();

  it('lists every data-testid in the UI, as the code has them (run `npm run docs:testids`)', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/testids.md'), 'utf8');
    expect(doc).toBe(renderTestIdDoc(ids, notes));
  });

  it('says what every id is, and keeps no note for an id that is gone', () => {
    expect(ids.filter((t) => !notes[t.id]).map((t) => t.id)).toEqual([]);
    expect(staleNotes(ids, notes)).toEqual([]);
  });

  it('finds ids written every way the code writes them', () => {
    const all = ids.map((t) => t.id);
    // literal, ternary, template, object spread, and a shared component given a prefix
    for (const id of [
      'palette-search',
      'palette-preview-pane',
      'metric-{id}-value',
      'palette-placeholder-{key}',
      'kb-toast',
    ])
      expect(all).toContain(id);
  });
});
