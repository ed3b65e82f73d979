import {
  effectiveSettings,
  parsePolicy,
  parseSettings,
  settingsPatchSchema,
  settingsSchema,
  type Locks,
  type Policy,
  type Settings,
} from './settings';
import { formatZodIssues } from './validation';
import { readRawPolicy, settingsItem, watchSettingsAndPolicy } from './console/settings-item';

/** The stored settings item (defined in ./console/settings-item.ts, with its format version). */
export { settingsItem };

/** Reads the agent's own settings (always valid). */
export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

/**
 * Validates a change to the agent's own settings and stores it; returns the stored result.
 * Throws (naming the field) and stores nothing when the change is invalid.
 */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const checked = settingsPatchSchema.safeParse(patch);
  if (!checked.success) throw new Error(`Invalid settings: ${formatZodIssues(checked.error)}`);
  const next = settingsSchema.parse({ ...(await loadSettings()), ...checked.data });
  await settingsItem.setValue(next);
  return next;
}

/** Reads enterprise policy; a browser without managed storage (or no policy) gives `{}`. */
export async function loadPolicy(): Promise<{ policy: Policy; problems: string[] }> {
  return parsePolicy(await readRawPolicy());
}

/** The settings in force, with what policy locks. */
export interface EffectiveSettings {
  settings: Settings;
  locks: Locks;
  /** Policy keys that were present but invalid (shown in Options). */
  policyProblems: string[];
}

/** Reads the settings in force: the agent's own with enterprise policy applied. */
export async function loadEffectiveSettings(): Promise<EffectiveSettings> {
  const [agent, { policy, problems }] = await Promise.all([loadSettings(), loadPolicy()]);
  return { ...effectiveSettings(agent, policy), policyProblems: problems };
}

/** Calls `onChange` when the agent's settings or the policy change. Returns an unsubscribe function. */
export function watchEffectiveSettings(onChange: (value: EffectiveSettings) => void): () => void {
  return watchSettingsAndPolicy(() => void loadEffectiveSettings().then(onChange));
}
