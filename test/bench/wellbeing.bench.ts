/**
 * Wellbeing simulation: `npm run sim:wellbeing -- --shifts 10000 --seed 7 [--sweep]`.
 *
 * Runs the simulation of test/bench/wellbeing-sim.ts (the same one the unit test runs, on more
 * shifts) and ends with one line:
 *
 *   shifts 10000 · prompts shown 123456 · during talk or hold 0 · max delay after call end 41 s · shown in quiet hours 0
 *
 * Exits with status 1 when an invariant breaks (the breaches are listed on stderr first).
 * `--sweep` adds the minute-by-minute check that nothing stays due for over a minute while the
 * agent is free (slower).
 */
import { invariantsHold, simulate, summaryLine } from './wellbeing-sim';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name} needs a whole number, got ${process.argv[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return v;
}

const shifts = arg('shifts', 1000);
const seed = arg('seed', 1);
const sweep = process.argv.includes('--sweep');
const started = performance.now();
const r = simulate({ shifts, seed, sweep });
const seconds = (performance.now() - started) / 1000;
if (!invariantsHold(r)) {
  console.error('Invariants broken:');
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number') console.error(`  ${k}: ${v}`);
  for (const b of r.breaches) console.error(`  - ${b}`);
}
console.error(
  `seed ${seed}: ${r.deliveries} deliveries, ${r.schedulerCalls} scheduler calls, ${r.callEndsWithDue} call ends with prompts due ` +
    `(${r.deliveredAfterCallEnd} delivered, ${r.shortWindows} back on a call or break first), ${seconds.toFixed(1)} s`,
);
console.log(summaryLine(r));
process.exit(invariantsHold(r) ? 0 : 1);
