/**
 * The small, dependency-free part of team packs that settings and messages need (kept apart so
 * the console content script, which reads settings, does not bundle the pack schemas).
 */

/**
 * Why a pack could not be synced or imported. Each has a message in both locales
 * (`packs.errors.*`); the stored error adds the detail (status code, bad field…).
 */
export const PACK_ERROR_CODES = [
  /** The address is not https (or a localhost development address). */
  'url',
  /** The server could not be reached (offline, DNS, refused, CORS). */
  'network',
  /** The browser has no access to the pack's site; the agent must grant it in Options. */
  'permission',
  /** No answer within the time limit. */
  'timeout',
  /** The server answered with an error status (4xx, 5xx). */
  'http',
  /** The file is bigger than the size cap. */
  'too-large',
  /** The file is not JSON. */
  'json',
  /** The JSON is not a valid team pack (the message names the field). */
  'schema',
  /** The file carries a different pack id than the pack installed from this address. */
  'id-mismatch',
  /** Another source (another address or a file) already installed a pack with this id. */
  'id-taken',
  /** The address redirected away from its https origin (another host, port or scheme). */
  'redirect',
  /** The file is not text Seatmate can read confidently (UTF-8, UTF-16 with a BOM, or GBK). */
  'encoding',
  /** The pack was valid but could not be stored (browser storage full or unavailable). */
  'storage',
] as const;
export type PackErrorCode = (typeof PACK_ERROR_CODES)[number];

export type PackUrlResult = { ok: true; url: string; originPattern: string } | { ok: false; message: string };

/**
 * Checks a pack address: https only, plus `http://localhost` and `http://127.0.0.1` for
 * development and tests. No user name or password in the URL. Returns the normalised URL (no
 * fragment) and the host-permission pattern that covers it.
 */
export function parsePackUrl(input: string): PackUrlResult {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: 'not a web address (e.g. https://kb.example.com/team-pack.json)' };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return { ok: false, message: 'use an https:// address (http:// only for localhost)' };
  }
  if (url.username || url.password)
    return { ok: false, message: 'leave the user name and password out of the address' };
  url.hash = '';
  return { ok: true, url: url.href, originPattern: `${url.protocol}//${url.hostname}/*` };
}
