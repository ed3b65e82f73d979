import { performance } from 'node:perf_hooks';
import { SeatmateDb } from '@/utils/db';
import { scriptsRan } from './check';
import { kbFileCases } from './kb-files';
import { PackServers, packFileCases, packServerCases } from './packs';
import { pageRuleCases } from './page-rules';
import { SENTINEL, type CaseResult, type HostileCase } from './types';

/**
 * test/bench/hostile-inputs: a generator of hostile and malformed inputs — knowledge-base files,
 * team-pack files, team-pack servers and page rules — fed through Seatmate's own modules in Node.
 * Every case runs in a fresh database; the report counts what was refused (and whether the error
 * said where), what was accepted, and the three things that must never happen: a partial write,
 * a hang, and input turning into script. Run by test/unit/hostile-inputs.test.ts (so by
 * `npm test`) and by `npm run bench:hostile` (prints the table).
 */

/** What happened to one case. */
export interface CaseRun {
  case: HostileCase;
  result: CaseResult | null;
  ms: number;
  hang: boolean;
  /** The case threw instead of answering (a crash: counted as not as expected). */
  crash: string | null;
}

/** One row of the report. */
export interface ReportRow {
  area: HostileCase['area'] | 'all';
  inputs: number;
  refusedLocated: number;
  refusedUnlocated: number;
  accepted: number;
  /** Refused when it should have been accepted, or the other way round, or crashed. */
  unexpected: number;
  partialWrites: number;
  hangs: number;
  scriptExecutions: number;
}

export interface HostileReport {
  rows: ReportRow[];
  runs: CaseRun[];
  seconds: number;
}

const AREAS: HostileCase['area'][] = ['kb-file', 'pack-file', 'pack-server', 'page-rule'];

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((ok) => setTimeout(() => ok('timeout'), ms).unref());
}

/** Runs every case and counts. */
export async function runHostileInputs(): Promise<HostileReport> {
  const started = performance.now();
  const g = globalThis as Record<string, unknown>;
  g[SENTINEL] = 0;
  const servers = new PackServers();
  await servers.start();
  const cases = [...kbFileCases(), ...packFileCases(), ...packServerCases(servers), ...pageRuleCases()];
  const runs: CaseRun[] = [];
  try {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      if (process.env.HOSTILE_VERBOSE) console.log(`[${i}] ${c.area}: ${c.name}`);
      const db = new SeatmateDb(`seatmate-hostile-${i}-${Date.now()}`);
      await db.open();
      const limit = c.limitMs ?? 10_000;
      const t0 = performance.now();
      let result: CaseResult | null = null;
      let crash: string | null = null;
      try {
        const answer = await Promise.race([c.run({ db }), timeout(limit)]);
        result = answer === 'timeout' ? null : answer;
      } catch (err) {
        crash = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      const ms = performance.now() - t0;
      runs.push({ case: c, result, ms, hang: (result === null && crash === null) || ms > limit, crash });
      db.close();
      await db.delete();
    }
  } finally {
    await servers.stop();
  }
  const ran = scriptsRan(SENTINEL);
  const rows = AREAS.map((area) =>
    row(
      area,
      runs.filter((r) => r.case.area === area),
      0,
    ),
  );
  rows.push(row('all', runs, ran));
  delete g[SENTINEL];
  return { rows, runs, seconds: (performance.now() - started) / 1000 };
}

function row(area: ReportRow['area'], runs: CaseRun[], sentinel: number): ReportRow {
  const done = runs.filter((r) => r.result);
  return {
    area,
    inputs: runs.length,
    refusedLocated: done.filter((r) => r.result!.outcome === 'refused' && r.result!.located).length,
    refusedUnlocated: done.filter((r) => r.result!.outcome === 'refused' && !r.result!.located).length,
    accepted: done.filter((r) => r.result!.outcome === 'accepted').length,
    unexpected: runs.filter((r) => r.crash || (r.result && r.result.outcome !== r.case.expect)).length,
    partialWrites: done.filter((r) => r.result!.partialWrite).length,
    hangs: runs.filter((r) => r.hang).length,
    scriptExecutions: sentinel + done.filter((r) => r.result!.markupInjected).length,
  };
}

/** The report as a Markdown table (for the console and docs/benchmarks.md). */
export function formatHostileReport(report: HostileReport): string {
  const head =
    '| inputs from | inputs | refused, located error | refused, not located | accepted | not as expected | partial writes (must be 0) | hangs (must be 0) | script executions (must be 0) |';
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const names: Record<ReportRow['area'], string> = {
    'kb-file': 'KB files (CSV, JSON, Markdown, zip)',
    'pack-file': 'team-pack files',
    'pack-server': 'team-pack servers',
    'page-rule': 'page rules',
    all: '**all**',
  };
  const lines = report.rows.map((r) =>
    [
      names[r.area],
      r.inputs,
      r.refusedLocated,
      r.refusedUnlocated,
      r.accepted,
      r.unexpected,
      r.partialWrites,
      r.hangs,
      r.scriptExecutions,
    ]
      .map(String)
      .join(' | '),
  );
  return [head, rule, ...lines.map((l) => `| ${l} |`)].join('\n');
}

/** One line per case that did not go as specified (empty when all did). */
export function hostileProblems(report: HostileReport): string[] {
  return report.runs.flatMap((r) => {
    const what = `${r.case.area}: ${r.case.name}`;
    if (r.crash) return [`${what} — crashed: ${r.crash}`];
    if (r.hang) return [`${what} — hang (${Math.round(r.ms)} ms)`];
    const res = r.result!;
    const out: string[] = [];
    if (res.outcome !== r.case.expect) out.push(`${what} — ${res.outcome}, expected ${r.case.expect}: ${res.detail}`);
    if (res.outcome === 'refused' && !res.located) out.push(`${what} — refused without saying where: ${res.detail}`);
    if (res.partialWrite) out.push(`${what} — partial write`);
    if (res.markupInjected) out.push(`${what} — markup injected`);
    return out;
  });
}
