import { browser } from 'wxt/browser';
import { loadPackPageRules, watchPackPageRules } from '@/utils/console/page-rules-store';
import type { PageRule, SiteRules } from '@/utils/console/page-rule';
import {
  FRESH_PAGE,
  compileRules,
  detectState,
  disableRule,
  nextEdge,
  rulesForUrl,
  testRules,
  type CompiledRule,
  type EdgeMemo,
  type RuleLimits,
} from '@/utils/console/rule-eval';
import { judgeEvaluation, ruleKey, type HealthVerdict } from '@/utils/console/rule-health';
import { loadRuleProblems, problemPage, watchRuleProblems } from '@/utils/console/rule-problems';
import type { RuleTestPage } from '@/utils/messages';
import { parseConsoleMessage } from '@/utils/console/console-messages';
import { loadConsoleSettings, sendFromConsole, watchConsoleSettings } from './console-io';
import type { StateChoice } from '@/utils/time/states';

/** At most one evaluation per this many ms (leading and trailing). */
const THROTTLE_MS = 250;
/** How long the rule tester's outlines stay on the page. */
const HIGHLIGHT_MS = 4_000;
/** After a failed send (the extension was unreachable), evaluate again this much later. */
const RETRY_MS = 1_000;
/** Each rule's budget, measured on the page's monotonic clock. */
const LIMITS: RuleLimits = { clock: () => performance.now() };

/**
 * What page rules cost the host page so far: evaluations and their time (ms). Kept on the content
 * script's own global (its isolated world — the page cannot see it) so tests can read it.
 */
export interface PageRuleStats {
  evaluations: number;
  totalMs: number;
  maxMs: number;
  sent: number;
  /** Rules switched off on this page because they ran out of their budget. */
  disabled: number;
}

/**
 * Page rules on the console: watches the page with one throttled MutationObserver, evaluates the
 * rules for this URL (the agent's, then the team packs'), and tells the background when what the
 * page shows changes (see the transition policy in utils/console/rule-eval.ts). Answers the rule
 * tester (`console/test-rules`, sent to the top frame). Runs in every frame of a console: a frame
 * whose own address is a site with rules (a CTI bar showing the call state, say) is read too.
 */
export function startPageRules(alive: () => boolean): void {
  const stats: PageRuleStats = { evaluations: 0, totalMs: 0, maxMs: 0, sent: 0, disabled: 0 };
  (globalThis as { __seatmatePageRuleStats?: PageRuleStats }).__seatmatePageRuleStats = stats;

  let agentRules: SiteRules[] = [];
  let packRules: SiteRules[] = [];
  let compiled: CompiledRule[] = [];
  /** Keys of the rules switched off (here or on another console page), from storage. */
  let switchedOff = new Set<string>();
  let strikes: HealthVerdict['strikes'] = new Map();
  let memo: EdgeMemo = FRESH_PAGE;
  let observer: MutationObserver | null = null;
  let timer: number | undefined;
  let lastRun = -Infinity;
  let highlight: Highlighter | null = null;

  function evaluate(): void {
    timer = undefined;
    if (!alive()) return stop();
    const started = performance.now();
    lastRun = started;
    const detection = detectState(document, compiled, LIMITS);
    const { state } = detection;
    const ms = performance.now() - started;
    stats.evaluations++;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    const verdict = judgeEvaluation(strikes, detection, compiled);
    strikes = verdict.strikes;
    if (verdict.disable) switchOff(verdict.disable);
    const before = memo;
    const step = nextEdge(memo, state);
    memo = step.memo;
    if (step.send) send(step.send, before);
  }

  /** Skips a rule that ran out of its budget from now on, tells the background, and looks again without it. */
  function switchOff({ index, reason, ms }: NonNullable<HealthVerdict['disable']>): void {
    const rule = compiled[index]!.rule;
    compiled = compiled.map((c, i) => (i === index ? disableRule(c, `ran out of its ${reason} budget`) : c));
    switchedOff.add(ruleKey(rule));
    stats.disabled++;
    const url = problemPage(location.href);
    sendFromConsole({ type: 'rules/disabled', rule, reason, ms, url }).catch(() => undefined);
    schedule();
  }

  function send(choice: StateChoice, before: EdgeMemo): void {
    stats.sent++;
    const message = { type: 'ledger/set' as const, state: choice.state, source: 'page' as const };
    sendFromConsole(choice.code !== undefined ? { ...message, code: choice.code } : message).catch(() => {
      // Not delivered (the extension is reloading): forget this edge and look again shortly.
      if (!alive()) return;
      memo = before;
      window.setTimeout(schedule, RETRY_MS);
    });
  }

  /** Evaluates now if the last evaluation is old enough, else once at the end of the window. */
  function schedule(): void {
    if (timer !== undefined) return;
    const wait = lastRun + THROTTLE_MS - performance.now();
    if (wait <= 0) evaluate();
    else timer = window.setTimeout(evaluate, wait);
  }

  function stop(): void {
    observer?.disconnect();
    observer = null;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
  }

  function apply(): void {
    const { rules } = rulesForUrl(location.href, agentRules, packRules);
    compiled = compileRules(rules).map((c) =>
      switchedOff.has(ruleKey(c.rule)) ? disableRule(c, 'switched off (see Options → Page rules)') : c,
    );
    strikes = new Map();
    if (compiled.length === 0) return stop();
    if (!observer) {
      observer = new MutationObserver((records) => {
        // Seatmate's own highlight layer is not the console changing.
        if (highlight && records.every((r) => highlight!.owns(r))) return;
        schedule();
      });
      observer.observe(document.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
      });
    }
    schedule();
  }

  void Promise.all([loadConsoleSettings(), loadPackPageRules(), loadRuleProblems()]).then(
    ([settings, packs, problems]) => {
      agentRules = settings.pageRules;
      packRules = packs;
      switchedOff = new Set(problems.map((p) => p.key));
      apply();
    },
  );
  watchRuleProblems((problems) => {
    switchedOff = new Set(problems.map((p) => p.key));
    apply();
  });
  watchConsoleSettings((s) => {
    agentRules = s.pageRules;
    apply();
  });
  watchPackPageRules((list) => {
    packRules = list;
    apply();
  });

  browser.runtime.onMessage.addListener((raw: unknown) => {
    if (!alive()) return undefined;
    const msg = parseConsoleMessage(raw);
    if (msg?.type !== 'console/test-rules') return undefined;
    highlight ??= new Highlighter();
    return Promise.resolve(runTest(msg.rules, msg.contextSelector, highlight));
  });
}

/** Evaluates rules for the tester, outlines what they match for a few seconds, and reports. */
function runTest(rules: PageRule[], contextSelector: string | undefined, highlight: Highlighter): RuleTestPage {
  const result = testRules<Element>(document, compileRules(rules), contextSelector, LIMITS);
  highlight.show(
    result.rules.flatMap((r, i) => r.elements.map((el) => ({ el, label: `#${i + 1}` }))),
    result.contextElement,
  );
  return {
    url: location.href,
    rules: result.rules.map(({ matches, textMatched, sample, error }) => ({ matches, textMatched, sample, error })),
    state: result.state?.state ?? null,
    code: result.state?.code ?? null,
    context: result.context,
  };
}

const HIGHLIGHT_CSS = `
:host { all: initial; }
.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; pointer-events: none; z-index: 2147483646; }
.box { position: absolute; box-sizing: border-box; border: 3px solid #0f766e; border-radius: 4px;
  background: rgba(15, 118, 110, 0.12); }
.box.context { border-style: dashed; border-color: #2563eb; background: rgba(37, 99, 235, 0.08); }
.tag { position: absolute; left: -3px; top: -22px; font: 12px/18px system-ui, sans-serif; color: #fff;
  background: #0f766e; padding: 0 6px; border-radius: 4px; white-space: nowrap; }
.context .tag { background: #2563eb; }
`;

/**
 * Outlines elements in Seatmate's own layer (a closed shadow root on a host element of its own):
 * the page's elements and their styles are never touched.
 */
class Highlighter {
  private host: HTMLElement | null = null;
  private layer: HTMLElement | null = null;
  private timer: number | undefined;

  /** Whether a mutation is the highlight layer's own (its host coming; the shadow content is not observable). */
  owns(record: MutationRecord): boolean {
    const host = this.host;
    if (!host) return false;
    if (record.target === host) return true;
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return record.type === 'childList' && nodes.length > 0 && nodes.every((n) => n === host);
  }

  show(items: { el: Element; label: string }[], context: Element | null): void {
    const layer = this.ensure();
    layer.replaceChildren();
    const boxes = [...items.map((i) => ({ ...i, context: false }))];
    if (context) boxes.push({ el: context, label: '✎', context: true });
    for (const { el, label, context: isContext } of boxes) {
      const r = el.getBoundingClientRect();
      const box = document.createElement('div');
      box.className = isContext ? 'box context' : 'box';
      box.style.left = `${r.left + window.scrollX - 3}px`;
      box.style.top = `${r.top + window.scrollY - 3}px`;
      box.style.width = `${r.width + 6}px`;
      box.style.height = `${r.height + 6}px`;
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = label;
      box.append(tag);
      layer.append(box);
    }
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.clear(), HIGHLIGHT_MS);
  }

  private ensure(): HTMLElement {
    if (this.host?.isConnected && this.layer) return this.layer;
    const host = document.createElement('seatmate-highlight');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = HIGHLIGHT_CSS;
    const layer = document.createElement('div');
    layer.className = 'layer';
    shadow.append(style, layer);
    document.documentElement.append(host);
    this.host = host;
    this.layer = layer;
    return layer;
  }

  /** Empties the layer; the (empty, invisible) host stays for the next test. */
  private clear(): void {
    this.timer = undefined;
    this.layer?.replaceChildren();
  }
}
