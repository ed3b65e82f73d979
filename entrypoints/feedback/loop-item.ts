import { storage } from 'wxt/utils/storage';
import { publishedLoopSchema, type PublishedLoop } from '@/utils/feedback/replies-sources';

/**
 * The loop figures of the last replies file the agent imported (share answered, median days), so
 * the feedback page can show that managers answer. Packs carry their own (stored with the pack).
 */
const loopItem = storage.defineItem<unknown>('local:feedbackLoop', { fallback: null });

/** The stored figures, or null (none yet, or a value that no longer validates). */
export async function loadFileLoop(): Promise<PublishedLoop | null> {
  const r = publishedLoopSchema.safeParse(await loopItem.getValue());
  return r.success ? r.data : null;
}

/** Stores the figures of a replies file just imported (validated first). */
export async function saveFileLoop(value: PublishedLoop): Promise<void> {
  await loopItem.setValue(publishedLoopSchema.parse(value));
}

/** Calls `onChange` when the stored figures change; returns an unsubscribe function. */
export function watchFileLoop(onChange: () => void): () => void {
  return loopItem.watch(() => onChange());
}
