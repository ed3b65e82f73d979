import { browser } from 'wxt/browser';
import { getDb } from '@/utils/db';
import { applyAllReplies } from '@/utils/feedback/replies-sources';
import {
  PACK_SYNC_PERIOD_MINUTES,
  subscribePack,
  syncAllPacks,
  syncPack,
  type PackSyncDeps,
  type PackSyncResult,
} from '@/utils/kb/pack-sync';
import { applyPolicyPackUrls } from '@/utils/kb/pack-install';
import { parsePackUrl } from '@/utils/kb/pack-url';
import { loadPolicy } from '@/utils/settings-store';
import { mirrorPackPageRules } from './pack-rules';

/** Name of the alarm that wakes the service worker to sync team packs. */
export const PACK_ALARM = 'seatmate-pack-sync';

function deps(): PackSyncDeps {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => Date.now(),
    async hasPermission(url) {
      const checked = parsePackUrl(url);
      return checked.ok ? browser.permissions.contains({ origins: [checked.originPattern] }) : false;
    },
  };
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs pack work one job at a time, so an alarm and a "Sync now" never install the same pack at once. */
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  // Whatever the job installed or removed, the content scripts' copy of pack page rules follows,
  // and so do the agent's feedback replies (the packs' reply sections matched to their own items).
  queue = run
    .catch(() => undefined)
    .then(() => mirrorPackPageRules().catch(() => undefined))
    .then(() => applyAllReplies(getDb()).catch(() => undefined));
  return run;
}

/** Makes sure the hourly alarm exists (alarms survive service-worker restarts, not reinstalls). */
export async function ensurePackAlarm(): Promise<void> {
  const existing = await browser.alarms.get(PACK_ALARM);
  if (!existing || existing.periodInMinutes !== PACK_SYNC_PERIOD_MINUTES) {
    await browser.alarms.create(PACK_ALARM, { periodInMinutes: PACK_SYNC_PERIOD_MINUTES });
  }
}

/** Brings policy packs in line with the managed `packUrls` key. */
async function applyPolicy(): Promise<void> {
  const { policy } = await loadPolicy();
  await applyPolicyPackUrls(getDb(), policy.packUrls ?? [], Date.now());
}

/**
 * Syncs one pack, or (without `id`) applies policy pack URLs and syncs every subscribed pack.
 * Failures are recorded on each pack; this never rejects because one pack is broken.
 */
export function syncPacks(id?: string): Promise<{ results: PackSyncResult[] }> {
  return enqueue(async () => {
    if (id !== undefined) return { results: [await syncPack(getDb(), id, deps())] };
    await applyPolicy();
    return { results: await syncAllPacks(getDb(), deps()) };
  });
}

/** Subscribes to the pack at `url` (Options asked for the host permission first). */
export function subscribeToPack(url: string): Promise<PackSyncResult> {
  return enqueue(() => subscribePack(getDb(), url, deps()));
}

/** Adds the listeners pack sync needs. Call synchronously from the background's `main()`. */
export function listenForPackSync(): void {
  void mirrorPackPageRules().catch(() => undefined);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_ALARM) void syncPacks();
  });
  browser.runtime.onStartup.addListener(() => {
    void ensurePackAlarm();
    void syncPacks();
  });
  browser.runtime.onInstalled.addListener(() => {
    void ensurePackAlarm();
    void syncPacks();
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void syncPacks();
  });
}
