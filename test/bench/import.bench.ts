/**
 * Knowledge-base import benchmark: 10,000 CSV rows through every phase the KB page runs —
 * decode + parse + validate, preview against the stored KB, and one transaction writing them into
 * IndexedDB (fake-indexeddb in Node, so absolute times are a rough guide to a browser's).
 *
 *   npm run bench:import            (ROWS=50000 npm run bench:import for another size)
 */
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { SeatmateDb } from '../../utils/db';
import { applyImport } from '../../utils/kb/io/apply';
import { ARTICLE_FIELDS } from '../../utils/kb/io/fields';
import { parseImport } from '../../utils/kb/io/parse';
import { previewImport } from '../../utils/kb/io/preview';

const ROWS = Number(process.env.ROWS ?? 10_000);

function makeCsv(rows: number): Uint8Array {
  const data: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const zh = i % 2 === 0;
    data.push([
      `bench-${i}`,
      zh ? 'zh-CN' : 'en',
      zh ? 'script' : 'reply',
      zh ? `退款话术 第${i}条` : `Refund reply number ${i}`,
      zh
        ? `您好，关于订单 {{orderNo}} 的退款，我们会在 3 个工作日内处理。\n\n- 核实身份\n- 说明时效 ${i}`
        : `Hello {{customerName}}, your refund for order {{orderNo}} will be processed within 3 working days. #${i}`,
      zh ? '退款' : 'Refunds',
      zh ? '退款；售后' : 'refund;after-sales',
      zh ? '退钱;钱退回来' : 'money back;refund',
      i % 10 === 0 ? JSON.stringify([{ title: '开场', lines: [{ text: '您好', mustSay: true }] }]) : '',
      i % 10 === 0 ? JSON.stringify([{ key: 'orderNo', label: 'Order', type: 'text', options: [] }]) : '',
      '2026-12-31',
      '',
    ]);
  }
  const fields = [...ARTICLE_FIELDS];
  return new TextEncoder().encode(`\uFEFF${Papa.unparse({ fields, data })}`);
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function run(label: string, db: SeatmateDb, bytes: Uint8Array): Promise<string[]> {
  const [parsed, parseMs] = await time(() => parseImport([{ name: 'bench.csv', bytes }]));
  const [preview, previewMs] = await time(() => previewImport(db, parsed));
  const [outcome, applyMs] = await time(() => applyImport(db, preview, { now: Date.now() }));
  const fmt = (ms: number) => ms.toFixed(0).padStart(8);
  return [
    label.padEnd(24),
    String(parsed.items.length).padStart(7),
    `${(bytes.length / 1024 / 1024).toFixed(1)} MB`.padStart(8),
    fmt(parseMs),
    fmt(previewMs),
    fmt(applyMs),
    fmt(parseMs + previewMs + applyMs),
    `+${outcome.added} ~${outcome.updated} =${outcome.unchanged}`,
  ];
}

const db = new SeatmateDb(`bench-import-${Date.now()}`);
await db.open();
const bytes = makeCsv(ROWS);
const header = [
  'case'.padEnd(24),
  'rows'.padStart(7),
  'size'.padStart(8),
  'parse ms'.padStart(8),
  'preview'.padStart(8),
  'write ms'.padStart(8),
  'total ms'.padStart(8),
  'result',
];
const rows = [await run('first import (empty KB)', db, bytes), await run('same file again', db, bytes)];
const changed = new TextDecoder().decode(bytes).replace(/Refunds/g, 'Refunds & returns');
rows.push(await run('half the rows changed', db, new TextEncoder().encode(changed)));
console.log(`\nKB import benchmark (Node ${process.version}, fake-indexeddb)\n`);
console.log(header.join(' | '));
console.log(header.map((h) => '-'.repeat(h.length)).join('-|-'));
for (const r of rows) console.log(r.join(' | '));
await db.delete();
