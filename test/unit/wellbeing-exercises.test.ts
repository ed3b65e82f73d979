import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueKeys } from '@/utils/i18n';
import {
  BODY_AREAS,
  EXERCISES,
  EXERCISE_IDS,
  exerciseSeconds,
  exercisesFor,
  stepAt,
} from '@/utils/wellbeing/exercises';

const en = new Set(catalogueKeys('en'));
const zh = new Set(catalogueKeys('zh-CN'));

describe('exercises', () => {
  it('has at least 12, covering neck, shoulders, wrists, fingers, back, eyes, breathing and voice', () => {
    expect(EXERCISE_IDS.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(EXERCISES)).toEqual([...EXERCISE_IDS]);
    const areas = new Set(EXERCISE_IDS.map((id) => EXERCISES[id].area));
    for (const a of ['neck', 'shoulders', 'wrists', 'fingers', 'back', 'eyes', 'breathing', 'voice'] as const)
      expect(areas.has(a), a).toBe(true);
    for (const id of EXERCISE_IDS) expect(BODY_AREAS).toContain(EXERCISES[id].area);
  });

  it('has a title, steps and an area name in both languages', () => {
    for (const id of EXERCISE_IDS) {
      const e = EXERCISES[id];
      expect(e.id).toBe(id);
      expect(e.steps.length).toBeGreaterThan(0);
      for (const key of [e.titleKey, ...e.steps.map((s) => s.key), `wellbeing.areas.${e.area}`]) {
        expect(en.has(key), key).toBe(true);
        expect(zh.has(key), key).toBe(true);
      }
      for (const s of e.steps) expect(s.seconds).toBeGreaterThan(0);
    }
  });

  it('has an illustration for each, and no stray ones: plain SVG, no script, image, link or text', () => {
    const files = readdirSync('assets/exercises').sort();
    expect(files).toEqual(EXERCISE_IDS.map((id) => `${id}.svg`).sort());
    for (const f of files) {
      const svg = readFileSync(`assets/exercises/${f}`, 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 200"'), f).toBe(true);
      expect(svg.trim().endsWith('</svg>'), f).toBe(true);
      expect(svg, f).not.toMatch(/<script|<image|<text|<foreignObject|href=|url\((?!#)/i);
      // One palette for all (Seatmate's ink, accent and greys).
      for (const m of svg.matchAll(/(?:fill|stroke)="([^"]+)"/g))
        expect(['#1b2430', '#0f766e', '#9aa5b1', '#b7c0ca', '#eef7f6', '#ffffff', 'none'], f).toContain(m[1]);
      // Marker ids are prefixed with the exercise, so two inline illustrations never clash.
      for (const m of svg.matchAll(/id="([^"]+)"/g)) expect(m[1]!.startsWith(f.replace('.svg', '-')), f).toBe(true);
    }
  });

  it('paced breathing lasts one minute', () => {
    expect(exerciseSeconds(EXERCISES.pacedBreathing)).toBe(60);
  });

  it('times the steps', () => {
    const e = EXERCISES.neckTilt;
    expect(stepAt(e, 0)).toEqual({ index: 0, secondsLeft: 5 });
    expect(stepAt(e, 5_000)).toEqual({ index: 1, secondsLeft: 15 });
    expect(stepAt(e, 19_500)).toEqual({ index: 1, secondsLeft: 1 });
    expect(stepAt(e, exerciseSeconds(e) * 1000)).toBeNull();
  });

  it('picks exercises that fit the time left, grouped by area, seated ones only when asked', () => {
    const short = exercisesFor(30);
    expect(short.every((e) => exerciseSeconds(e) <= 30)).toBe(true);
    expect(short.length).toBeGreaterThan(0);
    const areas = short.map((e) => BODY_AREAS.indexOf(e.area));
    expect(areas).toEqual([...areas].sort((a, b) => a - b));
    expect(exercisesFor(600, { standing: false }).some((e) => e.standing)).toBe(false);
    expect(exercisesFor(600).some((e) => e.standing)).toBe(true);
  });
});
