import { describe, expect, it } from 'vitest';
import type { ScriptStep } from '@/utils/kb/article';
import { dueLines, markSaid, nextStep, previousLine, previousStep, skipStep, startReading } from '@/utils/kb/read-mode';

const steps: ScriptStep[] = [
  { title: 'Greeting', lines: [{ text: 'Hello', mustSay: true }] },
  {
    title: 'Verify',
    lines: [
      { text: 'May I check?', mustSay: true },
      { text: 'Small talk', mustSay: false },
      { text: 'Last four digits?', mustSay: true },
    ],
  },
  { title: 'Close', lines: [{ text: 'Bye', mustSay: false }] },
];

describe('read mode', () => {
  it('starts on the first line of the first step with nothing said', () => {
    const s = startReading(steps);
    expect(s).toMatchObject({ step: 0, line: 0, notice: null, skipped: {} });
    expect(s.said).toEqual([[false], [false, false, false], [false]]);
    expect(dueLines(s, steps)).toEqual([0]);
  });

  it('does not move on while a must-say line is unsaid, and names it', () => {
    let s = startReading(steps);
    s = markSaid(s, steps); // Hello said, last line → next step
    expect(s).toMatchObject({ step: 1, line: 0, notice: null });
    s = nextStep(s, steps);
    expect(s).toMatchObject({ step: 1, line: 0, notice: { kind: 'due', step: 1, line: 0 } });
    s = markSaid(s, steps);
    expect(s).toMatchObject({ step: 1, line: 1, notice: null });
    s = nextStep(s, steps);
    // The first line still due becomes current.
    expect(s).toMatchObject({ step: 1, line: 2, notice: { kind: 'due', step: 1, line: 2 } });
    s = markSaid(s, steps);
    expect(s).toMatchObject({ step: 2, line: 0, notice: null });
    s = nextStep(s, steps);
    expect(s.notice).toEqual({ kind: 'end' });
  });

  it('skips only when asked explicitly, and remembers what was skipped', () => {
    let s = skipStep(startReading(steps), steps);
    expect(s).toMatchObject({
      step: 1,
      line: 0,
      skipped: { 0: [0] },
      notice: { kind: 'skipped', step: 0, lines: [0] },
    });
    s = markSaid(s, steps); // say line 0 of step 1
    s = skipStep(s, steps);
    expect(s.skipped).toEqual({ 0: [0], 1: [2] });
    // Going back and saying the owed line clears the skip.
    s = previousStep(previousStep(s));
    expect(s).toMatchObject({ step: 0, line: 0, notice: null });
    s = markSaid(s, steps);
    expect(s.skipped).toEqual({ 1: [2] });
    expect(s.step).toBe(1);
  });

  it('skip with nothing due is a plain next step; back and up stop at the start', () => {
    let s = markSaid(startReading(steps), steps);
    s = previousStep(s);
    expect(s).toMatchObject({ step: 0, line: 0 });
    s = skipStep(s, steps);
    expect(s).toMatchObject({ step: 1, skipped: {}, notice: null });
    expect(previousLine(s).line).toBe(0);
    expect(previousStep(previousStep(s))).toMatchObject({ step: 0, line: 0 });
  });
});
