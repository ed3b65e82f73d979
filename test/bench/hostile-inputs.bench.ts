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
const problems = hostileProblems(report);
for (const p of problems) console.log(`  ✗ ${p}`);
const all = report.rows.at(-1)!;
if (all.partialWrites || all.hangs || all.scriptExecutions) process.exitCode = 1;
