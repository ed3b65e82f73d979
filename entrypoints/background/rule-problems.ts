import type { MessageOf } from '@/utils/messages';
import { recordRuleProblem } from '@/utils/console/rule-problems';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Records a page rule a console page switched off (it ran out of its budget there), so every
 * console page skips it and Options shows why. Who may send it (Seatmate's console content script,
 * any frame) is the handler table's rule; writes are queued so two tabs reporting at once do not
 * lose one.
 */
export function handleRuleDisabled(msg: MessageOf<'rules/disabled'>): Promise<{ recorded: boolean }> {
  const run = queue.then(async () => {
    await recordRuleProblem({ rule: msg.rule, reason: msg.reason, ms: msg.ms, url: msg.url, at: Date.now() });
    return { recorded: true };
  });
  queue = run.catch(() => undefined);
  return run;
}
