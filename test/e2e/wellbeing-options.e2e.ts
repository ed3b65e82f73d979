import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchSeatmate, type Seatmate } from '../support/launch';

/**
 * Options → Wellbeing in both languages: a team pack's defaults shown as set by the team, the
 * agent's changes stored (and a bad one refused with a located message, storing nothing).
 */

const origin = inject('demoOrigin');
const packsDir = inject('packsDir');
const SHOTS = '/tmp/shots-wellbeing';
const PACK_FILE = 'wellbeing-team.json';
/** The example pack carries wellbeing defaults: posture every 45 minutes, voice threshold 45. */
const example = readFileSync('docs/team-pack.example.json', 'utf8');

let sm: Seatmate | null = null;
afterEach(async () => {
  await sm?.close();
  sm = null;
});

interface StoredWellbeing {
  prompts?: Record<string, { on?: boolean; minutes?: number }>;
  sound?: boolean;
}

async function storedWellbeing(page: Page): Promise<StoredWellbeing | undefined> {
  const { settings } = (await page.evaluate(() => chrome.storage.local.get('settings'))) as {
    settings?: { wellbeing?: StoredWellbeing };
  };
  return settings?.wellbeing;
}

/** Opens Options in a fresh profile with the team pack installed. */
async function optionsWithPack(lang: string): Promise<{ page: Page; section: Locator }> {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(packsDir, PACK_FILE), example);
  rmSync(join(packsDir, `${PACK_FILE}.status`), { force: true });
  sm = await launchSeatmate({ lang });
  const page = await sm.context.newPage();
  await page.goto(sm.url('options.html'));
  await page.getByTestId('packs-url-input').fill(`${origin}/packs/${PACK_FILE}`);
  await page.getByTestId('packs-subscribe').click();
  const section = page.getByTestId('options-wellbeing');
  await section.waitFor();
  await expect
    .poll(() => section.locator('[data-testid="wellbeing-source"][data-field="prompts.posture.minutes"]').count(), {
      timeout: 20_000,
    })
    .toBe(1);
  return { page, section };
}

/** Types into a minutes box and leaves it (the box saves on blur). */
async function typeMinutes(box: Locator, value: string): Promise<void> {
  await box.fill(value);
  await box.press('Tab');
}

describe('Options → Wellbeing', () => {
  it('shows the team’s defaults as such, stores the agent’s changes and refuses a bad one (English)', async () => {
    const { page, section } = await optionsWithPack('en-US');
    await expect.poll(() => section.locator('h2').textContent()).toBe('Wellbeing');
    const posture = section.getByTestId('wellbeing-prompt-posture-minutes');
    expect(await posture.inputValue()).toBe('45');
    expect(
      await section.locator('[data-testid="wellbeing-source"][data-field="prompts.posture.minutes"]').textContent(),
    ).toMatch(/team/i);
    expect(await section.getByTestId('wellbeing-voice-threshold').inputValue()).toBe('45');
    // Each prompt names the guidance behind it.
    expect(await section.getByTestId('wellbeing-guidance').count()).toBeGreaterThanOrEqual(4);

    // The agent's own interval for the eyes prompt.
    await typeMinutes(section.getByTestId('wellbeing-prompt-eyes-minutes'), '25');
    await expect.poll(async () => (await storedWellbeing(page))?.prompts?.eyes?.minutes).toBe(25);
    await section.getByTestId('wellbeing-saved').waitFor();

    // Out of range: a message at the field, nothing stored.
    await typeMinutes(section.getByTestId('wellbeing-prompt-eyes-minutes'), '2');
    const error = section.locator('[data-testid="wellbeing-error"][data-field="prompts.eyes.minutes"]');
    await expect.poll(() => error.textContent()).toMatch(/\d+.*\d+/);
    expect((await storedWellbeing(page))?.prompts?.eyes?.minutes).toBe(25);
    expect(await section.getByTestId('wellbeing-prompt-eyes-minutes').inputValue()).toBe('25');

    // The agent's choice beats the team's: the badge goes.
    await typeMinutes(posture, '40');
    await expect.poll(async () => (await storedWellbeing(page))?.prompts?.posture?.minutes).toBe(40);
    await expect
      .poll(() => section.locator('[data-testid="wellbeing-source"][data-field="prompts.posture.minutes"]').count())
      .toBe(0);

    await section.getByTestId('wellbeing-sound').click(); // controlled: checked once stored
    await expect.poll(async () => (await storedWellbeing(page))?.sound).toBe(true);
    await section.screenshot({ path: `${SHOTS}/options-en.png` });
  });

  it('works the same in Chinese', async () => {
    const { page, section } = await optionsWithPack('zh-CN');
    await expect.poll(() => section.locator('h2').textContent()).toBe('身心健康');
    expect(
      await section.locator('[data-testid="wellbeing-source"][data-field="prompts.posture.minutes"]').textContent(),
    ).toBe('来自团队包');
    await section.getByTestId('wellbeing-prompt-hydration-on').click();
    await expect.poll(async () => (await storedWellbeing(page))?.prompts?.hydration?.on).toBe(false);
    expect(await section.getByTestId('wellbeing-prompt-hydration-minutes').isDisabled()).toBe(true);
    await typeMinutes(section.getByTestId('wellbeing-snooze-minutes'), 'abc');
    const error = section.locator('[data-testid="wellbeing-error"][data-field="snoozeMinutes"]');
    await expect.poll(() => error.textContent()).toMatch(/[\u4e00-\u9fff]/);
    await section.screenshot({ path: `${SHOTS}/options-zh.png` });
  });
});
