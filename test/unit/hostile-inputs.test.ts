import { expect, it } from 'vitest';
import { formatHostileReport, hostileProblems, runHostileInputs } from '../bench/hostile-inputs/run';

/**
 * The hostile-input generator (test/bench/hostile-inputs/) as part of the unit tests: at least 100
 * hostile or malformed knowledge-base files, team-pack files, team-pack servers (a real loopback
 * HTTP server) and page rules. Prints the table; fails when anything is partly written, hangs,
 * turns into script, is refused without saying where, or is not handled as specified.
 */
it(
  'refuses or accepts every hostile input as specified, with no partial write, hang or script',
  { timeout: 180_000 },
  async () => {
    const report = await runHostileInputs();
    console.info(`hostile inputs (${report.seconds.toFixed(1)} s):\n${formatHostileReport(report)}`);
    const all = report.rows.at(-1)!;
    expect(all.inputs).toBeGreaterThanOrEqual(100);
    for (const area of ['kb-file', 'pack-file', 'pack-server', 'page-rule']) {
      expect(report.rows.find((r) => r.area === area)!.inputs).toBeGreaterThanOrEqual(10);
    }
    expect(hostileProblems(report)).toEqual([]);
    expect(all.partialWrites).toBe(0);
    expect(all.hangs).toBe(0);
    expect(all.scriptExecutions).toBe(0);
    expect(all.refusedUnlocated).toBe(0);
    expect(all.refusedLocated + all.accepted).toBe(all.inputs);
  },
);
