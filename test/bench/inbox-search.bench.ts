/**
 * Inbox search benchmark: the manager's fuzzy search (fuse.js + pinyin) over a few thousand short
 * feedback texts in Chinese and English, generated with a fixed seed. Prints index build time and
 * query times (median, p95, max) per kind of query.
 *
 *   npm run bench:inbox-search
 */
import { createInboxSearch } from '../../utils/feedback/inbox-search';
import { seededRandom } from '../fixtures/feedback';
import { randomInt } from '../../utils/feedback/random';

const ZH = [
  '退款',
  '流程',
  '太慢',
  '系统',
  '经常',
  '卡顿',
  '耳机',
  '断线',
  '排班',
  '休息',
  '不够',
  '客户',
  '投诉',
  '知识库',
  '缺少',
  '说明',
  '审批',
  '加班',
  '通知',
  '工单',
  '质检',
  '话术',
  '培训',
  '考核',
];
const EN = [
  'queue',
  'refund',
  'macro',
  'outdated',
  'breaks',
  'headset',
  'broken',
  'tool',
  'slow',
  'customers',
  'asking',
  'delivery',
  'login',
  'freezes',
  'roster',
  'overtime',
  'training',
  'target',
  'script',
  'escalation',
];

function corpus(n: number, seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[randomInt(random, xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const zh = randomInt(random, 3) > 0;
    const words = Array.from({ length: 6 + randomInt(random, 20) }, () => pick(zh ? ZH : EN));
    return { id: `item-${i}`, text: words.join(zh ? '' : ' ') + (zh ? '。' : '.') };
  });
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1]! };
}

const QUERIES: Record<string, string[]> = {
  hanzi: ['退款', '耳机断线', '排班', '知识库', '质检'],
  pinyin: ['tuikuan', 'paiban', 'zhishiku', 'erji', 'jiaban'],
  initials: ['tk', 'pb', 'zsk', 'ej', 'jb'],
  english: ['refund', 'headset', 'queue slow', 'roster', 'escalation'],
  typo: ['refnud', 'hedset', 'quueue', 'trainng', 'overtme'],
};

for (const n of [1_000, 3_000, 5_000]) {
  const items = corpus(n, 7);
  const t0 = performance.now();
  const search = createInboxSearch(items);
  const build = performance.now() - t0;
  console.log(`\n${n} items — index built in ${build.toFixed(0)} ms`);
  console.log('kind      | median ms | p95 ms | max ms | hits (first query)');
  for (const [kind, qs] of Object.entries(QUERIES)) {
    const times: number[] = [];
    let hits = 0;
    for (let round = 0; round < 5; round++) {
      for (const q of qs) {
        const s = performance.now();
        const r = search.search(q);
        times.push(performance.now() - s);
        if (round === 0 && q === qs[0]) hits = r.length;
      }
    }
    const st = stats(times);
    console.log(
      `${kind.padEnd(9)} | ${st.median.toFixed(1).padStart(9)} | ${st.p95.toFixed(1).padStart(6)} | ${st.max.toFixed(1).padStart(6)} | ${hits}`,
    );
  }
}
