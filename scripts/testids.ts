/**
 * The automation hooks: every `data-testid` in Seatmate's UI, collected from the code into
 * docs/testids.md (with the notes in scripts/testid-notes.json). A unit test checks the file is
 * current, so the list never drifts from the code.
 *
 *   npm run docs:testids        # rewrite docs/testids.md
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** Where the UI lives; the demo console fixture is not Seatmate's UI. */
const SCAN = ['entrypoints', 'components'];

/** One test id (a `{name}` part stands for a value chosen at run time) and where it appears. */
export interface TestId {
  id: string;
  /** The page it belongs to: the entry point folder, or `shared` for components. */
  page: string;
  files: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return walk(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** `metric-${id}-value` → `metric-{id}-value` (the expression's last identifier names the part). */
function templateToPattern(t: string): string {
  return t.replace(/\$\{([^}]*)\}/g, (_, expr: string) => {
    const names = expr.match(/[A-Za-z_$][\w$]*/g) ?? ['value'];
    return `{${names[names.length - 1]}}`;
  });
}

/** The test ids written in one file: literal, ternary (`{a ? 'x' : 'y'}`) and template (`{`x-${k}`}`). */
function idsIn(code: string): string[] {
  const ids: string[] = [];
  for (const m of code.matchAll(/(?<!\[)data-testid=(?:"([^"]+)"|\{`([^`]+)`\}|\{([^}`]*)\})/g)) {
    if (m[1]) ids.push(m[1]);
    else if (m[2]) ids.push(templateToPattern(m[2]));
    else {
      const quoted = [...m[3]!.matchAll(/'([^']+)'/g)].map((q) => q[1]!);
      ids.push(...(quoted.length > 0 ? quoted : [`{${(m[3]!.match(/[A-Za-z_$][\w$]*/g) ?? ['value']).pop()}}`]));
    }
  }
  // Props spread from an object: `'data-testid': \`x-${k}\`` or `'data-testid': 'x'`.
  for (const m of code.matchAll(/'data-testid': (?:'([^']+)'|`([^`]+)`)/g)) ids.push(m[1] ?? templateToPattern(m[2]!));
  return ids;
}

/**
 * Every test id in the UI code, sorted by page then id. A component that takes its ids from a
 * `testId` prop (`{testId}-toast`, or `{testId}` itself) is listed by the ids its users give it.
 */
export function collectTestIds(root = ROOT): TestId[] {
  const files = SCAN.flatMap((base) => walk(join(root, base))).map((file) => {
    const rel = relative(root, file);
    return {
      rel,
      page: rel.startsWith('components/') ? 'shared' : rel.split('/')[1]!.replace(/\.content$/, ' (content script)'),
      code: readFileSync(file, 'utf8'),
    };
  });
  // Components whose ids come from their `testId` prop, and those ids' patterns.
  const byComponent = new Map<string, string[]>();
  for (const f of files) {
    const patterns = idsIn(f.code).filter((id) => id.includes('{testId}'));
    if (patterns.length === 0) continue;
    for (const m of f.code.matchAll(/(?:function|const) ([A-Z]\w*)/g)) byComponent.set(m[1]!, patterns);
  }
  const found = new Map<string, TestId>();
  const add = (id: string, page: string, rel: string) => {
    const key = `${page} ${id}`;
    const entry = found.get(key) ?? { id, page, files: [] };
    if (!entry.files.includes(rel)) entry.files.push(rel);
    found.set(key, entry);
  };
  for (const f of files) {
    for (const id of idsIn(f.code)) if (!id.includes('{testId}')) add(id, f.page, f.rel);
    for (const [component, patterns] of byComponent) {
      for (const m of f.code.matchAll(new RegExp(`<${component}\\b`, 'g'))) {
        // The element's props run to its closing `/>`.
        const props = f.code.slice(m.index, f.code.indexOf('/>', m.index));
        const given = /\btestId="([^"]+)"/.exec(props)?.[1];
        if (given) for (const pattern of patterns) add(pattern.replace('{testId}', given), f.page, f.rel);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.page.localeCompare(b.page) || a.id.localeCompare(b.id));
}

/** The notes kept by hand: what each id is (keyed by id or pattern). */
export function readNotes(root = ROOT): Record<string, string> {
  return JSON.parse(readFileSync(join(root, 'scripts/testid-notes.json'), 'utf8')) as Record<string, string>;
}

/** Notes whose id no longer exists anywhere in the code. */
export function staleNotes(ids: readonly TestId[], notes: Record<string, string>): string[] {
  const known = new Set(ids.map((t) => t.id));
  return Object.keys(notes).filter((id) => !known.has(id));
}

/** docs/testids.md as it should be. */
export function renderTestIdDoc(ids: readonly TestId[], notes: Record<string, string>): string {
  const lines = [
    '# Automation hooks (`data-testid`)',
    '',
    'Generated from the code by `npm run docs:testids` (notes: `scripts/testid-notes.json`); a unit',
    'test fails when this file is out of date. Tests — this project’s and anyone else’s — find the UI',
    'through these attributes. `{name}` stands for a value chosen at run time (a state, an id, a',
    'key).',
    '',
  ];
  const pages = [...new Set(ids.map((t) => t.page))];
  for (const page of pages) {
    lines.push(`## ${page}`, '', '| `data-testid` | what | in |', '| --- | --- | --- |');
    for (const t of ids.filter((x) => x.page === page)) {
      const note = (notes[t.id] ?? '').replace(/\|/g, '\\|');
      lines.push(`| \`${t.id}\` | ${note} | ${t.files.map((f) => f.split('/').pop()).join(', ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const DOC = join(ROOT, 'docs/testids.md');

/** Writes docs/testids.md. */
export function writeTestIdDoc(): { ids: number; path: string } {
  const ids = collectTestIds();
  writeFileSync(DOC, renderTestIdDoc(ids, readNotes()));
  return { ids: ids.length, path: DOC };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { ids, path } = writeTestIdDoc();
  const stale = staleNotes(collectTestIds(), readNotes());
  console.log(`${ids} test ids written to ${relative(ROOT, path)}`);
  if (stale.length > 0) console.log(`Notes for ids no longer in the code (remove them): ${stale.join(', ')}`);
}
