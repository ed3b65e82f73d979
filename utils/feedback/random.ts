/**
 * Randomness for feedback, passed in so tests are reproducible: item ids, per-item secrets,
 * share ids and the shuffle of exported rows all come from a {@link RandomSource}. In the
 * extension the entry point passes {@link webCryptoRandom}; tests pass a seeded generator.
 */

/** Returns `n` random bytes. Must be cryptographically strong outside tests. */
export type RandomSource = (n: number) => Uint8Array;

/** Cryptographically strong bytes from WebCrypto (`crypto.getRandomValues`, in browsers and Node 20). */
export const webCryptoRandom: RandomSource = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** A random version-4 UUID (RFC 9562) made from 16 bytes of `random`; nothing else goes into it. */
export function randomUuid(random: RandomSource): string {
  const b = random(16);
  if (b.length !== 16) throw new Error('random source returned the wrong number of bytes');
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A uniform random integer in `[0, max)` (rejection sampling, so no modulo bias). `max` ≤ 2³². */
export function randomInt(random: RandomSource, max: number): number {
  if (!Number.isInteger(max) || max <= 0 || max > 2 ** 32) throw new RangeError(`bad bound ${max}`);
  const limit = Math.floor(2 ** 32 / max) * max;
  for (;;) {
    const b = random(4);
    const v = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (v < limit) return v % max;
  }
}

/** A shuffled copy of `list` (Fisher–Yates with {@link randomInt}); the input is not changed. */
export function shuffled<T>(list: readonly T[], random: RandomSource): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
