import { browser, type Browser } from 'wxt/browser';
import type { MessageOf } from '@/utils/messages';
import { recordRuleProblem } from '@/utils/console/rule-problems';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Records a page rule a console page switched off (it ran out of its budget there), so every
 * console page skips it and Options shows why. Only Seatmate's own content scripts (a sender with a
 * tab) are heard; writes are queued so two tabs reporting at once do not lose one.
 */
export function handleRuleDisabled(
  msg: MessageOf<'rules/disabled'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ recorded: boolean }> | undefined {
  if (sender.id !== browser.runtime.id || sender.tab === undefined) return undefined;
  const run = queue.then(async () => {
    await recordRuleProblem({ rule: msg.rule, reason: msg.reason, ms: msg.ms, url: msg.url, at: Date.now() });
    return { recorded: true };
  });
  queue = run.catch(() => undefined);
  return run;
}
