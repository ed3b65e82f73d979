import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { teamPackSchema } from '@/utils/kb/pack';
import { parsePolicy, parseSettings, settingsPatchSchema } from '@/utils/settings';
import { formatZodIssues } from '@/utils/validation';
import {
  DEFAULT_WELLBEING,
  effectiveWellbeing,
  parseWellbeingPolicy,
  parseWellbeingPrefs,
  resetWellbeingField,
  updateWellbeingPrefs,
} from '@/utils/wellbeing/settings';

describe('wellbeing settings: the agent’s stored choices', () => {
  it('repairs a damaged store value by value and keeps the good ones', () => {
    const prefs = parseWellbeingPrefs({
      prompts: { eyes: { on: 'yes', minutes: 25 }, posture: { minutes: 2 }, bogus: { on: true } },
      voiceThresholdMinutes: 500,
      quietHours: { start: '22:00', end: '07:00' },
      shift: { start: '9:00', end: '17:00' },
      breaks: [
        { start: '10:30', kind: 'break', minutes: 15 },
        { start: 'soon', kind: 'break', minutes: 15 },
        { start: '10:30', kind: 'lunch', minutes: 30 },
      ],
      sound: 'loud',
      breakPage: false,
    });
    expect(prefs).toEqual({
      prompts: { eyes: { minutes: 25 } },
      quietHours: { start: '22:00', end: '07:00' },
      breaks: [{ start: '10:30', kind: 'break', minutes: 15 }],
      breakPage: false,
    });
    expect(parseWellbeingPrefs('garbage')).toEqual({});
    expect(parseWellbeingPrefs({ quietHours: null }).quietHours).toBeNull();
  });

  it('lives in the settings item as `wellbeing`, repaired like the other fields', () => {
    expect(parseSettings({ wellbeing: 'garbage' }).wellbeing).toEqual({});
    expect(parseSettings({ wellbeing: { sound: true, snoozeMinutes: -1 } }).wellbeing).toEqual({ sound: true });
    expect(parseSettings({}).wellbeing).toEqual({});
    expect(settingsPatchSchema.safeParse({ wellbeing: { sound: true } }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ wellbeing: { sound: 'yes' } }).success).toBe(false);
  });

  it('applies a change (prompts kind by kind) and refuses a bad one, naming the field', () => {
    const prefs = updateWellbeingPrefs({ prompts: { eyes: { on: false } } }, { prompts: { eyes: { minutes: 30 } } });
    expect(prefs.prompts).toEqual({ eyes: { on: false, minutes: 30 } });
    expect(() => updateWellbeingPrefs(prefs, { prompts: { eyes: { minutes: 1 } } })).toThrow(/prompts\.eyes\.minutes/);
    expect(() => updateWellbeingPrefs(prefs, { colour: 'red' })).toThrow(/Invalid wellbeing settings/);
    expect(resetWellbeingField(prefs, 'prompts.eyes.on').prompts).toEqual({ eyes: { minutes: 30 } });
    expect(resetWellbeingField({ sound: true }, 'sound')).toEqual({});
  });
});

describe('wellbeing settings: team packs and policy', () => {
  it('uses the built-in defaults when nobody set anything', () => {
    const { settings, locks, sources } = effectiveWellbeing({});
    expect(settings).toEqual(DEFAULT_WELLBEING);
    expect(locks).toEqual([]);
    expect(sources['prompts.eyes.minutes']).toBe('default');
  });

  it('team pack defaults apply where the agent chose nothing; the agent’s own choice wins; the first pack wins', () => {
    const { settings, sources } = effectiveWellbeing({ prompts: { eyes: { minutes: 15 } } }, [
      { intervalsMinutes: { eyes: 25, posture: 40 }, quietHours: { start: '12:00', end: '13:00' } },
      { prompts: { posture: { minutes: 45, on: false } }, voiceThresholdMinutes: 40 },
    ]);
    expect(settings.prompts.eyes.minutes).toBe(15);
    expect(sources['prompts.eyes.minutes']).toBe('agent');
    expect(settings.prompts.posture).toEqual({ on: false, minutes: 40 });
    expect(sources['prompts.posture.minutes']).toBe('pack');
    expect(settings.quietHours).toEqual({ start: '12:00', end: '13:00' });
    expect(settings.voiceThresholdMinutes).toBe(40);
  });

  it('policy overrides and locks field by field (null quiet hours included)', () => {
    const { settings, locks, sources } = effectiveWellbeing(
      { sound: false, quietHours: { start: '12:00', end: '13:00' } },
      [],
      { sound: true, quietHours: null, prompts: { eyes: { on: false } } },
    );
    expect(settings.sound).toBe(true);
    expect(settings.quietHours).toBeNull();
    expect(settings.prompts.eyes).toEqual({ on: false, minutes: 20 });
    expect(locks).toEqual(['prompts.eyes.on', 'quietHours', 'sound']);
    expect(sources['prompts.eyes.minutes']).toBe('default');
  });

  it('reads the policy’s `wellbeing` key, reporting each bad value by its path', () => {
    const { policy, problems } = parseWellbeingPolicy({
      prompts: { eyes: { minutes: 25 }, posture: { minutes: 'often' }, blink: { on: true } },
      snoozeLimitPerHour: 1,
      shift: { start: '25:00', end: '17:00' },
    });
    expect(policy).toEqual({ prompts: { eyes: { minutes: 25 } }, snoozeLimitPerHour: 1 });
    expect(problems).toEqual([
      'wellbeing.prompts.posture: minutes: Invalid input: expected number, received string',
      'wellbeing.prompts.blink: not a prompt kind (eyes, posture, hydration, movement, voice, breakSoon, breakEnd)',
      'wellbeing.shift: start: use HH:MM, e.g. 09:30',
    ]);
    const all = parsePolicy({ language: 'en', wellbeing: { sound: 'yes', breakPage: false } });
    expect(all.policy.wellbeing).toEqual({ breakPage: false });
    expect(all.problems).toEqual(['wellbeing.sound: Invalid input: expected boolean, received string']);
    expect(parseWellbeingPolicy([]).problems).toEqual(['wellbeing: expected an object']);
  });

  it('team packs: the older `intervalsMinutes` still reads; the new fields are checked with located errors', () => {
    const example: unknown = JSON.parse(readFileSync('docs/team-pack.example.json', 'utf8'));
    expect(teamPackSchema.safeParse(example).success).toBe(true);
    const base = { schemaVersion: 1, id: 'care', name: 'Care', version: '1' };
    const old = teamPackSchema.parse({ ...base, wellbeing: { intervalsMinutes: { eyes: 20, voice: 90 } } });
    expect(effectiveWellbeing({}, [old.wellbeing!]).settings.prompts.voice.minutes).toBe(90);
    const bad = teamPackSchema.safeParse({
      ...base,
      wellbeing: { breaks: [{ start: '10:30', kind: 'nap', minutes: 15 }], prompts: { breakEnd: { minutes: 30 } } },
    });
    expect(bad.success).toBe(false);
    const text = formatZodIssues(bad.error!);
    expect(text).toContain('wellbeing.breaks[0].kind');
    expect(text).toContain('wellbeing.prompts.breakEnd.minutes');
  });
});
