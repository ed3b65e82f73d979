import { formatZodIssues } from '../validation';
import { TEAM_PACK_SCHEMA_VERSION, teamPackSchema, type TeamPack } from './pack';
import { isPendingPack, type InstalledPack } from './pack-record';
import {
  ETAG_MAX,
  LAST_MODIFIED_MAX,
  checkPackOrigin,
  decodePackBytes,
  duplicateKeyIssue,
  keepValidator,
} from './pack-guard';
import { parsePackUrl, type PackErrorCode } from './pack-url';

/**
 * Team pack download: a conditional request with a time limit and a size cap, then the text
 * decoded and the pack validated whole (`pack-sync.ts` stores it). Plain TypeScript: `fetch` is
 * passed in, so it runs in Node tests and the service worker.
 */

/** Largest pack file accepted (bytes). */
export const PACK_MAX_BYTES = 25 * 1024 * 1024;
/** How long one download may take before it is abandoned. */
export const PACK_FETCH_TIMEOUT_MS = 30_000;

/** What a pack download needs from its surroundings. */
export interface PackFetchDeps {
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Whether the browser may read this URL across origins (host permission). Asked only after a
   * network error, to tell "grant access" apart from "server unreachable".
   */
  hasPermission?: (url: string) => Promise<boolean>;
}

/** Request headers that let the server answer 304 when the pack has not changed since the stored version. */
export function conditionalHeaders(
  installed: Pick<InstalledPack, 'etag' | 'lastModified' | 'version'> | null,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!installed || isPendingPack(installed)) return headers;
  if (installed.etag) headers['if-none-match'] = installed.etag;
  if (installed.lastModified) headers['if-modified-since'] = installed.lastModified;
  return headers;
}

/** What a download came to. */
export type PackFetchOutcome =
  | { kind: 'unchanged' }
  | { kind: 'pack'; pack: TeamPack; etag: string | null; lastModified: string | null }
  | { kind: 'error'; code: PackErrorCode; message: string };

const MB = 1024 * 1024;

function sizeLabel(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** Reads a body up to `maxBytes`, stopping (and cancelling the download) as soon as it is exceeded. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return buf.byteLength > maxBytes ? null : buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Parses and validates pack text. `expectedId`, when given, is the id of the pack installed from
 * the same source: a file carrying another id is refused rather than installed beside it. A key
 * written twice in one object is refused too (JSON would silently keep the last).
 */
export function parsePackText(
  text: string,
  expectedId: string | null,
): { ok: true; pack: TeamPack } | { ok: false; code: PackErrorCode; message: string } {
  let raw: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, code: 'json', message: `not valid JSON (${(e as Error).message})` };
  }
  const duplicate = duplicateKeyIssue(json);
  if (duplicate) return { ok: false, ...duplicate };
  const declared = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof declared === 'number' && declared > TEAM_PACK_SCHEMA_VERSION) {
    return {
      ok: false,
      code: 'schema',
      message: `schemaVersion: ${declared} is newer than this Seatmate reads (${TEAM_PACK_SCHEMA_VERSION}); update Seatmate`,
    };
  }
  const parsed = teamPackSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'schema', message: formatZodIssues(parsed.error) };
  if (expectedId !== null && parsed.data.id !== expectedId) {
    return {
      ok: false,
      code: 'id-mismatch',
      message: `id: the file is pack "${parsed.data.id}", but this address installed pack "${expectedId}"`,
    };
  }
  return { ok: true, pack: parsed.data };
}

/**
 * Interprets a server's answer to a pack request: 304 → unchanged (only when a version is
 * installed), 200 → size cap, text decoding (as files are decoded), JSON, schema and id checks;
 * any other status → an `http` error. `name` (the address) names the download in errors.
 */
export async function interpretPackResponse(
  res: Response,
  installed: Pick<InstalledPack, 'id' | 'version'> | null,
  maxBytes = PACK_MAX_BYTES,
  name = 'the downloaded pack',
): Promise<PackFetchOutcome> {
  const hasVersion = installed !== null && !isPendingPack(installed);
  if (res.status === 304 && hasVersion) return { kind: 'unchanged' };
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    const statusText = res.statusText ? ` ${res.statusText}` : '';
    return { kind: 'error', code: 'http', message: `HTTP ${res.status}${statusText}` };
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return {
      kind: 'error',
      code: 'too-large',
      message: `${sizeLabel(declared)} is over the ${sizeLabel(maxBytes)} limit`,
    };
  }
  const bytes = await readCapped(res, maxBytes);
  if (!bytes) return { kind: 'error', code: 'too-large', message: `the file is over the ${sizeLabel(maxBytes)} limit` };
  const decoded = decodePackBytes(bytes, name);
  if (!decoded.ok) return { kind: 'error', code: decoded.code, message: decoded.message };
  const parsed = parsePackText(decoded.text, hasVersion ? installed.id : null);
  if (!parsed.ok) return { kind: 'error', code: parsed.code, message: parsed.message };
  return {
    kind: 'pack',
    pack: parsed.pack,
    // Validators only save a download: one too long (or not plain text) is dropped, not stored.
    etag: keepValidator(res.headers.get('etag'), ETAG_MAX),
    lastModified: keepValidator(res.headers.get('last-modified'), LAST_MODIFIED_MAX),
  };
}

/**
 * Downloads a pack with a conditional request and a time limit, and interprets the answer. An
 * answer that comes, after redirects, from another origin than the one subscribed (or not over
 * https) is refused (`redirect`) before its body is read. Never throws: every failure becomes an
 * `error` outcome with a code and a detail.
 */
export async function fetchPack(
  url: string,
  installed: Pick<InstalledPack, 'id' | 'version' | 'etag' | 'lastModified'> | null,
  deps: PackFetchDeps,
): Promise<PackFetchOutcome> {
  const checked = parsePackUrl(url);
  if (!checked.ok) return { kind: 'error', code: 'url', message: checked.message };
  const timeoutMs = deps.timeoutMs ?? PACK_FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const res = await deps.fetch(checked.url, {
      headers: conditionalHeaders(installed),
      signal: controller.signal,
      cache: 'no-store',
      redirect: 'follow',
    });
    const moved = checkPackOrigin(checked.url, res);
    if (moved) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'error', ...moved };
    }
    return await interpretPackResponse(res, installed, deps.maxBytes ?? PACK_MAX_BYTES, checked.url);
  } catch (e) {
    if (timedOut) return { kind: 'error', code: 'timeout', message: `no complete answer within ${timeoutMs / 1000} s` };
    if (deps.hasPermission && !(await deps.hasPermission(checked.url).catch(() => true))) {
      return { kind: 'error', code: 'permission', message: `Seatmate has no access to ${new URL(checked.url).host}` };
    }
    // Name the host and, when the platform gives one, the cause (`fetch failed` alone says nothing).
    const cause = (e as { cause?: { message?: unknown } }).cause?.message;
    const detail = `${(e as Error).message || 'the server could not be reached'}${typeof cause === 'string' && cause ? ` (${cause})` : ''}`;
    return { kind: 'error', code: 'network', message: `${new URL(checked.url).host}: ${detail}` };
  } finally {
    clearTimeout(timer);
  }
}
