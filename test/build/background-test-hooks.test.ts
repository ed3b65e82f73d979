import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The production background must carry none of the demo build's test machinery: not the wellbeing
 * time scale (utils/wellbeing/time-scale.ts, read from `demoTimeScale`), the `__seatmateTest`
 * hooks nor the slow registration (`__seatmateRegisterDelayMs`). This reads the background WXT
 * really built (`npm run build` first).
 */
const BUILT = resolve(import.meta.dirname, '../../.output/chrome-mv3/background.js');

describe('the built production background', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(BUILT), `${BUILT} is missing: run npm run build`).toBe(true);
  });

  it('carries no test-only time scale and no test hooks', () => {
    const code = readFileSync(BUILT, 'utf8');
    expect(code).toMatch(/seatmate-wellbeing/); // the wellbeing alarm is there
    expect(code).not.toMatch(/demoTimeScale/);
    expect(code).not.toMatch(/__seatmateTest/);
    expect(code).not.toMatch(/__seatmateRegisterDelayMs/);
  });
});
