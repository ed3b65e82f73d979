import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** axe-core's browser build, injected into the page under test. */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;

/** Impacts that fail a check; the rest are printed. */
const FAILING: ReadonlySet<ImpactValue> = new Set(['critical', 'serious']);

/**
 * Rules that fail a check whatever their impact: axe rates them moderate, but Seatmate's pages
 * must have them (issue 14: a main landmark on every page, nothing outside a landmark).
 */
const ALWAYS_FAILING: ReadonlySet<string> = new Set(['landmark-one-main', 'region']);

/** How many violations (rules × elements) of each impact one check found. */
export type ImpactCounts = Record<'critical' | 'serious' | 'moderate' | 'minor', number>;

/** What one axe check found. */
export interface AxeReport {
  /** The name the check was given (page and language, e.g. `popup en`). */
  name: string;
  /** Every violation, as axe reports it. */
  violations: Result[];
  /** Violations that fail the check (critical, serious, and the rules in `ALWAYS_FAILING`). */
  failing: Result[];
  /** Elements in violation, by impact. */
  counts: ImpactCounts;
}

/** One line per violated rule: impact, rule, help text, and the first elements' selectors. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const where = v.nodes
        .slice(0, 4)
        .map(
          (n) =>
            `      ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}` : ''}`,
        )
        .join('\n');
      const more = v.nodes.length > 4 ? `\n      … and ${v.nodes.length - 4} more` : '';
      return `  [${v.impact ?? 'n/a'}] ${v.id} (${v.nodes.length}): ${v.help}\n${where}${more}`;
    })
    .join('\n');
}

/**
 * Runs axe-core in `target` (a page, or a frame such as the palette's) and reports what it found.
 * The whole document is checked with axe's default rules (WCAG 2.x A and AA, and best
 * practices). Prints every violation.
 *
 * axe is injected once per document. Not with `addScriptTag`: an extension page's CSP
 * (`script-src 'self'`) refuses the inline script tag it writes. The same source is evaluated
 * through the DevTools protocol instead, which the page's CSP does not govern, so the pages are
 * checked with their real CSP in force.
 */
export async function runAxe(target: Page | Frame, name: string, options: RunOptions = {}): Promise<AxeReport> {
  const loaded = await target.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await target.evaluate((axeSource ??= readFileSync(AXE_PATH, 'utf8')));
  const results = await target.evaluate(
    (opts) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe.run(document, opts),
    { resultTypes: ['violations'], ...options } as RunOptions,
  );
  const counts: ImpactCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of results.violations) for (const n of v.nodes) counts[n.impact ?? v.impact ?? 'minor'] += 1;
  const failing = results.violations.filter((v) => FAILING.has(v.impact ?? null) || ALWAYS_FAILING.has(v.id));
  const report = { name, violations: results.violations, failing, counts };
  if (results.violations.length > 0)
    console.info(`axe: ${name}: ${summary(report)}\n${describeViolations(results.violations)}`);
  else console.info(`axe: ${name}: no violations`);
  return report;
}

/** `critical 0, serious 1, moderate 2, minor 0` */
export function summary(report: AxeReport): string {
  return Object.entries(report.counts)
    .map(([impact, n]) => `${impact} ${n}`)
    .join(', ');
}

/**
 * Runs axe-core in `target` and throws, listing them, when it finds any critical or serious
 * violation (or a missing landmark); prints the rest. Returns the report for further checks.
 */
export async function expectAccessible(target: Page | Frame, name: string, options?: RunOptions): Promise<AxeReport> {
  const report = await runAxe(target, name, options);
  if (report.failing.length > 0)
    throw new Error(
      `axe: ${name} has ${report.failing.length} failing rule(s):\n${describeViolations(report.failing)}`,
    );
  return report;
}
