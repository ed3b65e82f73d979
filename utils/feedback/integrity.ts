import { canonicalJson, constantTimeEqual, sha256, toBase64Url } from './encoding';

/**
 * The integrity digest of feedback files: SHA-256 over the canonical JSON of the whole document
 * without its `integrity` field. It detects a file damaged in transit or changed by hand (a row
 * edited in a text editor, a field added or removed, a value altered) and such a file is refused.
 *
 * It is not a signature: whoever edits a file *and* recomputes the digest with this code is not
 * detected. A signature would need a key that names its holder, which is exactly what an
 * anonymous export must not carry; the safeguard against forged feedback is the channel the
 * files arrive by.
 */

/** The `integrity` field of a feedback file. */
export interface Integrity {
  algorithm: 'SHA-256';
  /** base64url of the digest (43 characters). */
  digest: string;
}

/** The digest of `doc` (a plain JSON value; its `integrity` field, if any, is left out). */
export async function digestOf(doc: Record<string, unknown>): Promise<Integrity> {
  const { integrity: _ignored, ...rest } = doc;
  return { algorithm: 'SHA-256', digest: toBase64Url(await sha256(canonicalJson(rest))) };
}

/** True when `doc`'s `integrity.digest` matches its content (checked on the raw parsed JSON). */
export async function integrityHolds(doc: Record<string, unknown>): Promise<boolean> {
  const claimed = doc.integrity;
  if (!claimed || typeof claimed !== 'object') return false;
  const digest = (claimed as Record<string, unknown>).digest;
  if (typeof digest !== 'string') return false;
  return constantTimeEqual((await digestOf(doc)).digest, digest);
}

/** `doc` with its integrity field filled in (as the last field, for readers of the file). */
export async function withIntegrity<T extends Record<string, unknown>>(doc: T): Promise<T & { integrity: Integrity }> {
  return { ...doc, integrity: await digestOf(doc) };
}
