import { storage } from 'wxt/utils/storage';

/**
 * The wellbeing toast in force (utils/wellbeing/toast.ts `ToastView`, or null), written only by
 * the background (entrypoints/background/wellbeing.ts) and shown by the toast frame on console
 * pages. Session storage: extension pages only (content scripts cannot read it), gone with the
 * browser session. Readers parse it with `parseToastView`.
 */
export const toastItem = storage.defineItem<unknown>('session:wellbeingToast', { fallback: null });
