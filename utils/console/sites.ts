import { MatchPattern } from 'wxt/utils/match-patterns';

/**
 * Console sites: the URL match patterns of the web consoles the agent works in. Seatmate asks for
 * host permission and registers its content script only for these.
 */

/** Why a typed site could not be used; each has a message in both locales (`sites.errors.*`). */
export type SitePatternError = 'empty' | 'scheme' | 'host' | 'tooBroad' | 'path' | 'format';

export type SitePatternResult =
  { ok: true; pattern: string; originPattern: string } | { ok: false; error: SitePatternError };

const SCHEMES = new Set(['http', 'https', '*']);
const PATTERN_RE = /^([^:/]+):\/\/([^/]*)(\/.*)$/;
// A host label: letters, digits and hyphens, not starting or ending with a hyphen.
const LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function validHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host.split('.').every((n) => Number(n) <= 255);
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL_RE.test(l));
}

/**
 * Turns what the agent typed into a match pattern, or says what is wrong.
 *
 * Accepts a full match pattern (`https://crm.example.com/agent/*`, `https://*.example.com/*`),
 * a URL (`https://crm.example.com:8443/desk` → `https://crm.example.com/*`), or a bare host
 * (`crm.example.com` → `https://crm.example.com/*`). Ports are dropped: match patterns cover every
 * port. Refuses patterns that would match every site.
 */
export function parseSitePattern(input: string): SitePatternResult {
  let text = input.trim();
  if (!text) return { ok: false, error: 'empty' };
  if (text === '<all_urls>') return { ok: false, error: 'tooBroad' };
  if (!text.includes('://')) text = `https://${text}`;
  const isPattern = text.includes('*');
  if (!isPattern) {
    // A plain URL: take its origin and cover the whole site.
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, error: 'format' };
    }
    const scheme = url.protocol.replace(/:$/, '');
    if (!SCHEMES.has(scheme)) return { ok: false, error: 'scheme' };
    const host = url.hostname.toLowerCase();
    if (!validHost(host)) return { ok: false, error: 'host' };
    const pattern = `${scheme}://${host}/*`;
    return { ok: true, pattern, originPattern: pattern };
  }
  const match = PATTERN_RE.exec(text);
  if (!match) return { ok: false, error: /^[^:/]+:\/\/[^/]*$/.test(text) ? 'path' : 'format' };
  const scheme = match[1]!.toLowerCase();
  let host = match[2]!.toLowerCase();
  const path = match[3]!;
  if (!SCHEMES.has(scheme)) return { ok: false, error: 'scheme' };
  host = host.replace(/:\d+$/, '');
  if (host === '*' || host === '*.') return { ok: false, error: 'tooBroad' };
  const bareHost = host.startsWith('*.') ? host.slice(2) : host;
  // `*.com` would be every .com site.
  if (host.startsWith('*.') && /^[a-z]+$/.test(bareHost) && bareHost !== 'localhost') {
    return { ok: false, error: 'tooBroad' };
  }
  if (bareHost.includes('*') || !validHost(bareHost)) return { ok: false, error: 'host' };
  if (/\s/.test(path)) return { ok: false, error: 'path' };
  const pattern = `${scheme}://${host}${path}`;
  try {
    new MatchPattern(pattern);
  } catch {
    return { ok: false, error: 'format' };
  }
  return { ok: true, pattern, originPattern: `${scheme}://${host}/*` };
}

/** The host-permission pattern that covers a site pattern (`scheme://host/*`). */
export function originPatternOf(pattern: string): string {
  const result = parseSitePattern(pattern);
  if (!result.ok) throw new Error(`Not a valid console site pattern: ${pattern}`);
  return result.originPattern;
}

/** Whether a page URL belongs to one of the console sites. */
export function isConsoleUrl(url: string, sites: readonly string[]): boolean {
  return sites.some((s) => {
    try {
      return new MatchPattern(s).includes(url);
    } catch {
      return false;
    }
  });
}

/** Keeps the valid, distinct site patterns of a stored list, in order (bad entries are dropped). */
export function cleanSitePatterns(list: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const parsed = parseSitePattern(item);
    if (parsed.ok && !out.includes(parsed.pattern)) out.push(parsed.pattern);
  }
  return out;
}
