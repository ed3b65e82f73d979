import { z } from 'zod';
import { formatZodIssues } from '../validation';
import { decodeImportText } from './io/encoding';
import { findDuplicateKeys, jsonPathText } from './io/json-keys';
import { ImportFileError } from './io/types';
import { parsePackUrl, type PackErrorCode } from './pack-url';

/**
 * What pack sync checks beyond the pack's schema, because everything a pack server sends is
 * untrusted: where the answer really came from (redirects), which validators are worth keeping,
 * how the bytes decode (the one decoder files use too), repeated JSON keys, and how an error nobody
 * expected becomes a pack error Options can translate instead of a raw exception.
 */

/** A pack problem found here: the code Options translates and an English detail. */
export interface PackIssue {
  code: PackErrorCode;
  message: string;
}

/** Longest detail kept with a recorded pack error (what `packErrorSchema` allows). */
export const PACK_ERROR_DETAIL_MAX = 2_000;

/** Longest validators kept (as `installedPackSchema` stores them). */
export const ETAG_MAX = 500;
export const LAST_MODIFIED_MAX = 100;

/**
 * A validator header worth storing and sending back (If-None-Match / If-Modified-Since): printable
 * ASCII within `max` characters. Anything else is dropped, which only costs a full download next
 * time, never the pack.
 */
export function keepValidator(value: string | null, max: number): string | null {
  if (value === null || value.length === 0 || value.length > max) return null;
  return /^[\x20-\x7e]+$/.test(value) ? value : null;
}

/**
 * Checks that a pack answer came from where the agent subscribed: after any redirects, the same
 * origin (scheme, host and port) and still https (or the localhost exception of `parsePackUrl`).
 * `fetch` follows redirects itself and shows only where they ended (`res.url`); a redirect that the
 * browser did not follow (`opaqueredirect`) is refused as well. An empty `res.url` (a response made
 * in code, not by the network) means the address asked for.
 */
export function checkPackOrigin(requested: string, res: Pick<Response, 'url' | 'type'>): PackIssue | null {
  const wanted = new URL(requested);
  if (res.type === 'opaqueredirect') {
    return { code: 'redirect', message: `${wanted.origin} answered with a redirect that was not followed` };
  }
  const final = res.url || requested;
  let landed: URL;
  try {
    landed = new URL(final);
  } catch {
    return { code: 'redirect', message: `the answer came from an unreadable address (${final.slice(0, 200)})` };
  }
  const checked = parsePackUrl(final);
  if (landed.origin !== wanted.origin || !checked.ok) {
    const where = `${landed.protocol}//${landed.host}${landed.pathname}`.slice(0, 300);
    return {
      code: 'redirect',
      message: `redirected to ${where}; a pack is only read from ${wanted.origin} (ask the publisher to serve it there, over https)`,
    };
  }
  return null;
}

/**
 * Decodes pack bytes with the decoder knowledge-base files use (utils/kb/io/encoding.ts): UTF-8,
 * UTF-16 with a BOM, or confidently Chinese GBK; anything else is an `encoding` issue naming `name`
 * (the file name or the address) and asking for UTF-8.
 */
export function decodePackBytes(
  bytes: Uint8Array,
  name: string,
): { ok: true; text: string } | ({ ok: false } & PackIssue) {
  try {
    return { ok: true, text: decodeImportText(bytes, name).text };
  } catch (err) {
    if (err instanceof ImportFileError) return { ok: false, code: 'encoding', message: err.message };
    return { ok: false, code: 'encoding', message: `${name}: ${String(err)}` };
  }
}

/** The first key written twice in one object of valid JSON `text`, as a `json` issue; null when none. */
export function duplicateKeyIssue(text: string): PackIssue | null {
  const [first] = findDuplicateKeys(text, 1);
  if (!first) return null;
  const where = jsonPathText(first.path);
  return {
    code: 'json',
    message: `"${first.key}" is written twice${where ? ` in ${where}` : ''} (line ${first.line}); JSON keeps only the last, so remove the other`,
  };
}

/**
 * Any error thrown while storing a pack, as a pack issue (never a raw exception, never a ZodError's
 * JSON): a record that does not validate, storage that is full or unavailable, or anything else.
 */
export function unexpectedPackIssue(err: unknown): PackIssue {
  let message: string;
  if (err instanceof z.ZodError) message = `the pack could not be stored as it is: ${formatZodIssues(err)}`;
  else if (err instanceof Error && /quota/i.test(`${err.name} ${err.message}`)) {
    message = "the browser's storage for Seatmate is full; free some space (remove a pack) and sync again";
  } else
    message = `the pack could not be stored: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  return { code: 'storage', message: message.slice(0, PACK_ERROR_DETAIL_MAX) };
}
