import type { SeatmateDb } from '@/utils/db';

/**
 * One hostile or malformed input and what Seatmate must do with it. `expect` is the specification
 * (refuse it, or accept it); `run` feeds the input through Seatmate's own modules and reports.
 */
export interface HostileCase {
  /** Where the input enters: a KB file, a pack file, a pack server, a page rule. */
  area: 'kb-file' | 'pack-file' | 'pack-server' | 'page-rule';
  name: string;
  expect: 'refused' | 'accepted';
  /** Longest the case may take before it counts as a hang (ms). */
  limitMs?: number;
  run(ctx: CaseContext): Promise<CaseResult>;
}

/** What a case gets: a fresh database of its own. */
export interface CaseContext {
  db: SeatmateDb;
}

/** What happened to one input. */
export interface CaseResult {
  outcome: 'refused' | 'accepted';
  /** For a refusal: the error names where (file, line, field, address or rule). */
  located: boolean;
  /** The error or note shown, for the report. */
  detail: string;
  /** Something was written that should not have been (or less than all of what was accepted). */
  partialWrite: boolean;
  /** HTML made from the input gained or changed markup (a way to run script). */
  markupInjected?: boolean;
}

/** The sentinel every script payload in the cases calls. Counted after the run. */
export const SENTINEL = '__seatmateHostile';

/** A payload that, if any code path ever evaluated it, would bump the sentinel. */
export const SCRIPT = `globalThis.${SENTINEL}=(globalThis.${SENTINEL}||0)+1`;
