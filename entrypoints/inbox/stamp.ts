import { webCryptoRandom } from '@/utils/feedback/random';
import { localDay } from '@/utils/time/day';

/** The manager's clock for an inbox change made now: ms, local day, strong randomness. */
export function inboxStamp() {
  const now = Date.now();
  return {
    now,
    today: localDay(new Date(now)),
    tzOffsetMinutes: -new Date(now).getTimezoneOffset(),
    random: webCryptoRandom,
  };
}

/** A week bucket as a label: one week, or the first and last week of a merged run. */
export function bucketLabel(b: { from: string; to: string }): string {
  return b.from === b.to ? b.from : `${b.from} – ${b.to}`;
}
