import 'fake-indexeddb/auto';
import { formatHostileReport, hostileProblems, runHostileInputs } from './hostile-inputs/run';

/**
 * `npm run bench:hostile`: runs the hostile-input generator (test/bench/hostile-inputs/) and prints
 * its table, then every case that did not go as specified. Exits non-zero when a must-be-0 column
 * is not 0. (`npm test` runs the same through test/unit/hostile-inputs.test.ts.)
 */
const report = await runHostileInputs();
console.log(`Hostile inputs through Seatmate's modules (Node ${process.version}, ${report.seconds.toFixed(1)} s)\n`);
console.log(formatHostileReport(report));
console.log('\nslowest case per area:');
for (const area of ['kb-file', 'pack-file', 'pack-server', 'page-rule'] as const) {
  const runs = report.runs.filter((r) => r.case.area === area).sort((a, b) => b.ms - a.ms);
  const top = runs[0];
  if (top) console.log(`  ${area}: ${top.ms.toFixed(0)} ms — ${top.case.name}`);
}
const problems = hostileProblems(report);
for (const p of problems) console.log(`  ✗ ${p}`);
const all = report.rows.at(-1)!;
if (all.partialWrites || all.hangs || all.scriptExecutions) process.exitCode = 1;
