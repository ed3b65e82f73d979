import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { schedule, SCHEDULER_LOOKBACK_MS } from '@/utils/wellbeing/scheduler';
import { appendWellbeingRows, loadSchedulerInput, loadWellbeingRows, recordWellbeing } from '@/utils/wellbeing/store';
import type { WellbeingEvent } from '@/utils/wellbeing/records';
import { at, ledger, only, TZ } from '../fixtures/wellbeing';

let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`wellbeing-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('wellbeing rows in the database', () => {
  it('loads what the scheduler needs and the scheduler answers from it', async () => {
    await db.stateEvents.bulkAdd(ledger([0, 'available']).map(({ id: _id, ...e }) => e));
    await recordWellbeing(db, { kind: 'eyes', outcome: 'shown' }, at(5), TZ);
    const input = await loadSchedulerInput(db, only('eyes'), at(24.9), TZ);
    expect(input.periods.map((p) => p.state)).toEqual(['offline', 'available']);
    expect(input.history).toHaveLength(1);
    expect(schedule(input).delivery).toBeNull();
    const later = await loadSchedulerInput(db, only('eyes'), at(25), TZ);
    expect(schedule(later).delivery?.prompts.map((p) => p.kind)).toEqual(['eyes']);
  });

  it('skips damaged rows (and reads rows of the first version of the table)', async () => {
    await db.stateEvents.bulkAdd(ledger([0, 'available']).map(({ id: _id, ...e }) => e));
    await db.wellbeingEvents.add({ at: at(5), kind: 'eyes', outcome: 'shown' });
    await db.wellbeingEvents.add({ at: at(6), kind: 'blink', outcome: 'shown' } as unknown as WellbeingEvent);
    await db.stateEvents.add({ at: at(7), state: 'talk', source: 'page' } as never);
    const input = await loadSchedulerInput(db, only('eyes'), at(10), TZ);
    expect(input.history.map((r) => r.kind)).toEqual(['eyes']);
    expect(input.periods.at(-1)?.state).toBe('available');
  });

  it('reads only the lookback span, with the ledger row in force at its start', async () => {
    const now = at(0) + SCHEDULER_LOOKBACK_MS + 60_000;
    await db.stateEvents.bulkAdd(ledger([0, 'available']).map(({ id: _id, ...e }) => e));
    await recordWellbeing(db, { kind: 'eyes', outcome: 'shown' }, at(0), TZ);
    const input = await loadSchedulerInput(db, only('eyes'), now, TZ);
    expect(input.periods.map((p) => p.state)).toEqual(['available']);
    expect(input.history).toEqual([]);
  });

  it('writes all rows or none, and names the bad one', async () => {
    const good: WellbeingEvent = { at: at(1), tz: TZ, kind: 'pause', outcome: 'paused', until: at(31) };
    const bad = { at: at(1), kind: 'mood', outcome: 'answered', phase: 'start', mood: 7 } as WellbeingEvent;
    await expect(appendWellbeingRows(db, [good, bad])).rejects.toThrow(/row 1 \(mood\): mood/);
    expect(await db.wellbeingEvents.count()).toBe(0);
    const ids = await appendWellbeingRows(db, [good, { at: at(2), kind: 'pause', outcome: 'resumed' }]);
    expect(ids).toHaveLength(2);
    expect((await loadWellbeingRows(db, at(0), at(2))).map((r) => r.outcome)).toEqual(['paused']);
  });
});
