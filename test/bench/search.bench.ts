/**
 * Search benchmark: Seatmate's engine beside fuse.js (its documented defaults) and MiniSearch
 * (Intl.Segmenter tokenizer, fuzzy and prefix on), on ~17,000 real insurance questions
 * (title = Chinese question, body = English question, tag = domain), with queries of every kind
 * an agent types, generated from the corpus (see search-queries.ts).
 *
 * Run: `npm run bench:search` (options: --per-kind N, --fuse-per-kind N, --seed S, --corpus PATH).
 * Prints a Markdown table; the latest is kept in docs/benchmarks.md.
 * The corpus is research-only and never shipped: it is read from ../shared/data at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { createKbIndex } from '@/utils/kb/search';
import { generateQueries, QUERY_KINDS, type BenchArticle, type BenchQuery } from './search-queries';

const { values } = parseArgs({
  options: {
    'per-kind': { type: 'string', default: '300' },
    'fuse-per-kind': { type: 'string', default: '40' },
    seed: { type: 'string', default: '20261123' },
    corpus: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../../shared/data/insuranceqa-zh-questions.tsv'),
    },
  },
});

function loadCorpus(path: string): BenchArticle[] {
  if (!existsSync(path)) {
    throw new Error(`Corpus not found at ${path}. Pass --corpus <insuranceqa-zh-questions.tsv>.`);
  }
  const lines = readFileSync(path, 'utf8').split('\n').slice(1).filter(Boolean);
  return lines.map((line, i) => {
    const [id, domain, zh, en] = line.split('\t');
    if (!id || !domain || !zh || en === undefined) throw new Error(`Corpus line ${i + 2} is malformed`);
    return { id: `q${id}`, title: zh, body: en, tags: [domain] };
  });
}

interface Engine {
  name: string;
  build(articles: BenchArticle[]): (query: string) => string[];
}

const zhWords = new Intl.Segmenter('zh', { granularity: 'word' });

const engines: Engine[] = [
  {
    name: 'Seatmate',
    build(articles) {
      const index = createKbIndex(articles);
      return (q) => index.search(q, { limit: 5 }).map((h) => h.id);
    },
  },
  {
    name: 'fuse.js (defaults)',
    build(articles) {
      // Documented defaults (threshold 0.6, location 0, distance 100…); keys are required for objects.
      const fuse = new Fuse(articles, { keys: ['title', 'body', 'tags'] });
      return (q) => fuse.search(q, { limit: 5 }).map((r) => r.item.id);
    },
  },
  {
    name: 'MiniSearch (Segmenter, fuzzy+prefix)',
    build(articles) {
      const mini = new MiniSearch<BenchArticle>({
        fields: ['title', 'body', 'tags'],
        storeFields: [],
        tokenize: (text) => [...zhWords.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment),
        processTerm: (term) => term.toLowerCase(),
        searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2 } },
      });
      mini.addAll(articles);
      return (q) =>
        mini
          .search(q)
          .slice(0, 5)
          .map((r) => String(r.id));
    },
  },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Result {
  engine: string;
  buildMs: number;
  heapMb: number;
  queries: number;
  hitAt5: Record<string, number>;
  overall: number;
  p50: number;
  p95: number;
  max: number;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

function run(engine: Engine, articles: BenchArticle[], queries: BenchQuery[]): Result {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const search = engine.build(articles);
  const buildMs = performance.now() - t0;
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  // Warm up (JIT) on a few queries not counted.
  for (const q of queries.slice(0, 20)) search(q.query);
  const times: number[] = [];
  const hits: Record<string, { n: number; ok: number }> = {};
  for (const q of queries) {
    const t = performance.now();
    const ids = search(q.query);
    times.push(performance.now() - t);
    const bucket = (hits[q.kind] ??= { n: 0, ok: 0 });
    bucket.n++;
    if (ids.some((id) => q.accept.has(id))) bucket.ok++;
  }
  times.sort((a, b) => a - b);
  const hitAt5: Record<string, number> = {};
  let ok = 0;
  for (const [kind, b] of Object.entries(hits)) {
    hitAt5[kind] = b.ok / b.n;
    ok += b.ok;
  }
  return {
    engine: engine.name,
    buildMs,
    heapMb,
    queries: queries.length,
    hitAt5,
    overall: ok / queries.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1] ?? NaN,
  };
}

const articles = loadCorpus(values.corpus);
const perKind = Number(values['per-kind']);
const fusePerKind = Number(values['fuse-per-kind']);
const t = performance.now();
const queries = generateQueries(articles, perKind, Number(values.seed));
console.error(
  `corpus ${articles.length} articles; ${queries.length} queries generated in ${Math.round(performance.now() - t)} ms`,
);

// fuse.js scans every article for every query (~0.1 s each here): it gets the first
// `fuse-per-kind` queries of each kind, which every engine also answers in the "same queries" rows.
const fuseQueries = QUERY_KINDS.flatMap((k) => queries.filter((q) => q.kind === k).slice(0, fusePerKind));

const results: Result[] = [];
for (const engine of engines) {
  const set = engine.name.startsWith('fuse') ? fuseQueries : queries;
  console.error(`running ${engine.name} on ${set.length} queries…`);
  results.push(run(engine, articles, set));
}
const sameSet: Result[] = engines
  .filter((e) => !e.name.startsWith('fuse'))
  .map((e) => ({ ...run(e, articles, fuseQueries), engine: `${e.name} (fuse.js's query subset)` }));

const pct = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
const header = `| engine | queries | build ms | heap MB | ${QUERY_KINDS.join(' | ')} | hit@5 all | p50 ms | p95 ms | max ms |`;
const rule = `|${' --- |'.repeat(9 + QUERY_KINDS.length)}`;
const rows = [...results, ...sameSet].map(
  (r) =>
    `| ${r.engine} | ${r.queries} | ${ms(r.buildMs)} | ${r.heapMb.toFixed(1)} | ${QUERY_KINDS.map((k) => pct(r.hitAt5[k])).join(' | ')} | ${pct(r.overall)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} |`,
);
const ours = results[0]!;
const minKind = Math.min(...QUERY_KINDS.map((k) => ours.hitAt5[k] ?? 0));
const check = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const targets = [
  `Targets (Seatmate): hit@5 all ${pct(ours.overall)} ≥ 0.95 ${check(ours.overall >= 0.95)};`,
  `every kind ≥ 0.90 (lowest ${pct(minKind)}) ${check(minKind >= 0.9)};`,
  `p95 ${ms(ours.p95)} ms ≤ 5 ms ${check(ours.p95 <= 5)};`,
  `build ${ms(ours.buildMs)} ms ≤ 1500 ms ${check(ours.buildMs <= 1500)}.`,
].join(' ');
console.log(
  [
    `Corpus: ${articles.length} articles; ${perKind} queries per kind (seed ${values.seed}); Node ${process.version}, one thread.`,
    '',
    header,
    rule,
    ...rows,
    '',
    targets,
  ].join('\n'),
);
