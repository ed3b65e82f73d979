import type { StateEvent } from '../../utils/time/states';
import { rng } from '../support/rng';

/**
 * A year of an agent's ledger: `shifts` weekday shifts from 09:00 local time, each with
 * `contactsPerShift` calls (talk, sometimes hold and talk again, ACW, available), a break and lunch.
 * About 4 rows per contact, so 250 × 150 ≈ 150,000 rows.
 */
export function generateLedgerYear(options: {
  firstDay: Date;
  shifts?: number;
  contactsPerShift?: number;
  seed?: number;
}): StateEvent[] {
  const { shifts = 250, contactsPerShift = 150, seed = 7 } = options;
  const rand = rng(seed);
  const rows: StateEvent[] = [];
  const push = (at: number, state: StateEvent['state']) =>
    rows.push({
      at: Math.round(at),
      state,
      source: state === 'available' || state === 'break' ? 'manual' : 'page',
      tz: -new Date(at).getTimezoneOffset() || 0,
    });
  const day = new Date(options.firstDay);
  let done = 0;
  while (done < shifts) {
    const dow = day.getDay();
    if (dow !== 0 && dow !== 6) {
      let t = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9, 0).getTime();
      push(t, 'available');
      for (let c = 0; c < contactsPerShift; c++) {
        if (c === 50) {
          push(t, 'break');
          t += 15 * 60_000;
          push(t, 'available');
        }
        if (c === 90) {
          push(t, 'lunch');
          t += 45 * 60_000;
          push(t, 'available');
        }
        t += (5 + rand() * 25) * 1000; // waiting
        push(t, 'talk');
        t += (60 + rand() * 120) * 1000;
        if (rand() < 0.5) {
          push(t, 'hold');
          t += (10 + rand() * 40) * 1000;
          push(t, 'talk');
          t += (20 + rand() * 60) * 1000;
        }
        push(t, 'acw');
        t += (10 + rand() * 30) * 1000;
        push(t, 'available');
      }
      push(t + 60_000, 'offline');
      done++;
    }
    day.setDate(day.getDate() + 1);
  }
  return rows;
}
