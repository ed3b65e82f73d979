import { fromBase64Url, hmacSha256, toBase64Url } from './encoding';
import type { RandomSource } from './random';

/**
 * Replies without a link. Each item has its own random secret that stays in the agent's browser;
 * the export carries only the **reply key**, HMAC-SHA-256 keyed by that secret over a fixed
 * label. A manager answers "reply key K"; the agent's browser recomputes its items' keys and
 * picks out its own answers. Nobody else can tell whose key K is: the key is a pseudorandom
 * function of a secret nobody else holds, and two items' keys share nothing. The secret also lets
 * an agent, if they ever choose to, prove they wrote an item (by showing the secret).
 */

/** Bytes of a per-item secret (128 bits). */
export const SECRET_BYTES = 16;

/** What the HMAC is computed over: a fixed label, so the key means nothing outside Seatmate. */
export const REPLY_KEY_LABEL = 'seatmate/feedback/reply-key/v1';

/** A new random item secret (base64url). */
export function newItemSecret(random: RandomSource): string {
  const bytes = random(SECRET_BYTES);
  if (bytes.length !== SECRET_BYTES) throw new Error('random source returned the wrong number of bytes');
  return toBase64Url(bytes);
}

/** The reply key of an item secret: base64url(HMAC-SHA-256(secret, label)), 43 characters. */
export async function replyKeyOf(secret: string): Promise<string> {
  const bytes = fromBase64Url(secret);
  if (!bytes || bytes.length !== SECRET_BYTES) throw new Error('not an item secret');
  return toBase64Url(await hmacSha256(new Uint8Array(bytes), REPLY_KEY_LABEL));
}

/** Reply keys of many items, keyed by reply key → item id (for matching published replies). */
export async function replyKeysOf(items: ReadonlyArray<{ id: string; secret: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const item of items) out.set(await replyKeyOf(item.secret), item.id);
  return out;
}
