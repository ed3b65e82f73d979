import type { Translate } from '../i18n';
import { PROMPT_CATALOGUE } from './catalogue';
import type { ToastPrompt } from './toast';

/**
 * What a prompt in the toast says, in the agent's language (the toast frame and the system
 * notification use the same words). `clock` formats an instant as a time of day on the agent's
 * clock (the page's or the background's `Intl`).
 */
export function promptText(t: Translate, item: ToastPrompt, clock: (at: number) => string): string {
  const key = PROMPT_CATALOGUE[item.kind].toastKey;
  const breakName = t(item.breakKind === 'lunch' ? 'wellbeing.breakKinds.lunch' : 'wellbeing.breakKinds.break');
  switch (item.kind) {
    case 'voice':
      return t(key, { minutes: Math.round((item.talkMs ?? 0) / 60_000) });
    case 'breakSoon':
      return t(key, { break: breakName, time: item.breakAt !== undefined ? clock(item.breakAt) : '' });
    case 'breakEnd':
      return t(key, {
        break: breakName,
        minutes: Math.max(1, Math.round(((item.endsAt ?? item.shownAt) - item.shownAt) / 60_000)),
      });
    case 'eyes':
    case 'posture':
    case 'hydration':
    case 'movement':
      return t(key);
  }
}
