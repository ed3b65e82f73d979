import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueKeys, translate, type MessageKey } from '@/utils/i18n';
import { teamPackSchema } from '@/utils/kb/pack';
import { buildReport } from '@/utils/time/metrics';
import {
  GUIDANCE_SOURCES,
  INTERVAL_KINDS,
  PROMPT_CATALOGUE,
  PROMPT_KINDS,
  SETTINGS_ORDER,
  isPromptKind,
} from '@/utils/wellbeing/catalogue';
import { EXERCISES } from '@/utils/wellbeing/exercises';
import { ROW_KINDS, wellbeingEventSchema } from '@/utils/wellbeing/records';
import { DEFAULT_WELLBEING, SCALAR_FIELDS, WELLBEING_FIELDS, effectiveWellbeing } from '@/utils/wellbeing/settings';
import { wellbeingStats } from '@/utils/wellbeing/stats';

const en = new Set(catalogueKeys('en'));
const zh = new Set(catalogueKeys('zh-CN'));

describe('prompt catalogue: every kind in every view', () => {
  it('the catalogue has exactly the kinds, in order', () => {
    expect(Object.keys(PROMPT_CATALOGUE)).toEqual([...PROMPT_KINDS]);
    expect(PROMPT_KINDS.every(isPromptKind)).toBe(true);
    expect(isPromptKind('toString')).toBe(false);
  });

  it('settings: order, defaults, fields and the merge cover every kind', () => {
    expect([...SETTINGS_ORDER].sort()).toEqual([...PROMPT_KINDS].sort());
    expect(Object.keys(DEFAULT_WELLBEING.prompts)).toEqual([...PROMPT_KINDS]);
    for (const k of PROMPT_KINDS) {
      expect(WELLBEING_FIELDS).toContain(`prompts.${k}.on`);
      expect(WELLBEING_FIELDS).toContain(`prompts.${k}.minutes`);
      expect(Object.keys(effectiveWellbeing({}).sources)).toContain(`prompts.${k}.minutes`);
    }
  });

  it('stats count every kind, even with no rows', () => {
    const report = buildReport([], { from: '2026-03-02', to: '2026-03-02' }, 0, { breakMinutes: 30, lunchMinutes: 60 });
    const stats = wellbeingStats({ report, history: [], breaks: [], fallbackTz: 0 });
    expect(Object.keys(stats.prompts)).toEqual([...PROMPT_KINDS]);
  });

  it('the enterprise policy schema (public/managed_schema.json) lists every kind and field', () => {
    const schema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as {
      properties: { wellbeing: { properties: Record<string, { properties?: Record<string, unknown> }> } };
    };
    const wb = schema.properties.wellbeing.properties;
    expect(Object.keys(wb.prompts!.properties!)).toEqual([...PROMPT_KINDS]);
    expect(Object.keys(wb).filter((k) => k !== 'prompts')).toEqual([...SCALAR_FIELDS]);
  });

  it('history rows and team packs accept every kind', () => {
    for (const k of PROMPT_KINDS) {
      expect(ROW_KINDS).toContain(k);
      expect(wellbeingEventSchema.safeParse({ at: 1, kind: k, outcome: 'shown' }).success).toBe(true);
      const m = PROMPT_CATALOGUE[k].minutes.default;
      const pack = {
        schemaVersion: 1,
        id: 'p',
        name: 'P',
        version: '1',
        wellbeing: { prompts: { [k]: { on: true, minutes: m } } },
      };
      expect(teamPackSchema.safeParse(pack).success).toBe(true);
    }
    expect(INTERVAL_KINDS).toEqual(['eyes', 'posture', 'hydration', 'movement', 'voice']);
  });

  it('locales: label, help and toast of every kind in both languages', () => {
    for (const k of PROMPT_KINDS) {
      const c = PROMPT_CATALOGUE[k];
      for (const key of [c.labelKey, c.helpKey, c.toastKey]) {
        expect(en.has(key), key).toBe(true);
        expect(zh.has(key), key).toBe(true);
      }
      expect(translate('zh-CN', c.labelKey)).not.toBe(translate('en', c.labelKey));
    }
  });

  it('help text names the source of the guidance, in both languages', () => {
    const marks: Record<keyof typeof GUIDANCE_SOURCES, { en: string; zh: string }> = {
      rule202020: { en: '20-20-20', zh: '20-20-20' },
      hseDse: { en: 'HSE', zh: 'HSE' },
      unison: { en: 'UNISON', zh: 'UNISON' },
      schedule: { en: 'schedule', zh: '休息安排' },
    };
    for (const k of PROMPT_KINDS) {
      const c = PROMPT_CATALOGUE[k];
      expect(translate('en', c.helpKey)).toContain(marks[c.source].en);
      expect(translate('zh-CN', c.helpKey)).toContain(marks[c.source].zh);
    }
    for (const s of Object.values(GUIDANCE_SOURCES)) {
      expect(en.has(s.nameKey) && zh.has(s.nameKey)).toBe(true);
      if (s.url) expect(s.url).toMatch(/^https:\/\//);
    }
  });

  it('defaults follow the guidance: 20-20-20, posture 30, water 60, movement after 50, voice at 50 min of talk', () => {
    expect(PROMPT_CATALOGUE.eyes.minutes.default).toBe(20);
    expect(PROMPT_CATALOGUE.eyes.actionSeconds).toBe(20);
    expect(PROMPT_CATALOGUE.posture.minutes.default).toBe(30);
    expect(PROMPT_CATALOGUE.hydration.minutes.default).toBe(60);
    expect(PROMPT_CATALOGUE.movement.minutes.default).toBe(50);
    expect(PROMPT_CATALOGUE.movement.actionSeconds).toBe(300);
    expect(PROMPT_CATALOGUE.voice.actionSeconds).toBe(300);
    expect(DEFAULT_WELLBEING.voiceThresholdMinutes).toBe(50);
    expect(PROMPT_CATALOGUE.breakEnd.minutes.default).toBe(1);
  });

  it('suggested exercises exist', () => {
    for (const k of PROMPT_KINDS) {
      const id = PROMPT_CATALOGUE[k].exercise;
      if (id) expect(EXERCISES[id].id).toBe(id);
    }
  });

  it('every catalogue key is a real message key (typed)', () => {
    const keys: MessageKey[] = PROMPT_KINDS.map((k) => PROMPT_CATALOGUE[k].labelKey);
    expect(keys.length).toBe(PROMPT_KINDS.length);
  });
});
