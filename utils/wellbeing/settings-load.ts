import type { SeatmateDb } from '../db';
import { packWellbeingSchema } from '../kb/pack';
import { isPendingPack, type InstalledPack } from '../kb/pack-record';
import { loadPolicy, loadSettings, saveSettings } from '../settings-store';
import {
  effectiveWellbeing,
  resetWellbeingField,
  updateWellbeingPrefs,
  type EffectiveWellbeing,
  type PackWellbeingLike,
  type WellbeingField,
  type WellbeingOverrides,
} from './settings';

/**
 * Reading and changing the wellbeing settings in force: the agent's own (`settings.wellbeing`),
 * the team packs' defaults (`packs` table) and enterprise policy (`wellbeing` key), merged by
 * utils/wellbeing/settings.ts `effectiveWellbeing`.
 */

/**
 * The packs' wellbeing layers in the order they apply: policy packs first, then by id. Each is
 * checked again as it is read from storage (a damaged one is left out).
 */
export function packLayers(packs: readonly InstalledPack[]): PackWellbeingLike[] {
  return [...packs]
    .filter((p) => !isPendingPack(p) && p.wellbeing)
    .sort((a, b) => Number(b.policy) - Number(a.policy) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .flatMap((p) => {
      const checked = packWellbeingSchema.safeParse(p.wellbeing);
      return checked.success ? [checked.data as PackWellbeingLike] : [];
    });
}

/** The three layers, read now. */
export async function loadWellbeingLayers(
  db: SeatmateDb,
): Promise<{ agent: WellbeingOverrides; packs: PackWellbeingLike[]; policy: WellbeingOverrides }> {
  const [settings, { policy }, packs] = await Promise.all([loadSettings(), loadPolicy(), db.packs.toArray()]);
  return { agent: settings.wellbeing, packs: packLayers(packs), policy: policy.wellbeing ?? {} };
}

/** The wellbeing settings in force now, where each value comes from, and what policy locks. */
export async function loadEffectiveWellbeing(db: SeatmateDb): Promise<EffectiveWellbeing> {
  const { agent, packs, policy } = await loadWellbeingLayers(db);
  return effectiveWellbeing(agent, packs, policy);
}

/**
 * Applies a change the agent made (validated: throws naming the field, and stores nothing, when it
 * is wrong). Fields policy locks are refused too.
 */
export async function saveWellbeingChange(change: unknown, locks: readonly WellbeingField[] = []): Promise<void> {
  const settings = await loadSettings();
  const next = updateWellbeingPrefs(settings.wellbeing, change);
  const locked = locks.filter((f) => fieldIn(change, f));
  if (locked.length > 0) throw new Error(`Set by your organisation: ${locked.join(', ')}`);
  await saveSettings({ wellbeing: next });
}

function fieldIn(change: unknown, field: WellbeingField): boolean {
  if (!change || typeof change !== 'object') return false;
  const m = /^prompts\.(\w+)\.(on|minutes)$/.exec(field);
  if (!m) return (change as Record<string, unknown>)[field] !== undefined;
  const prompts = (change as { prompts?: Record<string, Record<string, unknown> | undefined> }).prompts;
  return prompts?.[m[1]!]?.[m[2]!] !== undefined;
}

/** Drops the agent's own choices for `fields` (all of them when omitted): team or built-in defaults apply again. */
export async function resetWellbeing(fields?: readonly WellbeingField[]): Promise<void> {
  const settings = await loadSettings();
  let next: WellbeingOverrides = {};
  if (fields) {
    next = settings.wellbeing;
    for (const f of fields) next = resetWellbeingField(next, f);
  }
  await saveSettings({ wellbeing: next });
}
