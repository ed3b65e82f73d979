import { describe, expect, it } from 'vitest';
import { isConsoleUrl, originPatternOf, parseSitePattern } from '@/utils/console/sites';

describe('parseSitePattern', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com/*', 'https://crm.example.com/*'],
    ['https://crm.example.com', 'https://crm.example.com/*', 'https://crm.example.com/*'],
    ['https://crm.example.com:8443/agent/desk?x=1', 'https://crm.example.com/*', 'https://crm.example.com/*'],
    ['  HTTPS://CRM.Example.com/agent/*  ', 'https://crm.example.com/agent/*', 'https://crm.example.com/*'],
    ['https://*.example.com/*', 'https://*.example.com/*', 'https://*.example.com/*'],
    ['http://localhost/console/*', 'http://localhost/console/*', 'http://localhost/*'],
    ['http://127.0.0.1:5173/*', 'http://127.0.0.1/*', 'http://127.0.0.1/*'],
    ['*://crm.example.com/*', '*://crm.example.com/*', '*://crm.example.com/*'],
  ])('accepts %s', (input, pattern, origin) => {
    expect(parseSitePattern(input)).toEqual({ ok: true, pattern, originPattern: origin });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['<all_urls>', 'tooBroad'],
    ['*://*/*', 'tooBroad'],
    ['https://*/*', 'tooBroad'],
    ['https://*.com/*', 'tooBroad'],
    ['ftp://files.example.com/*', 'scheme'],
    ['file:///home/agent/*', 'scheme'],
    ['https://crm..example.com/*', 'host'],
    ['https://cr*m.example.com/*', 'host'],
    ['https://-bad.example.com', 'host'],
    ['https://exa mple.com', 'format'],
    ['https://crm.example.com*', 'path'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseSitePattern(input)).toEqual({ ok: false, error });
  });

  it('gives the origin pattern for host permission', () => {
    expect(originPatternOf('https://crm.example.com/agent/*')).toBe('https://crm.example.com/*');
    expect(() => originPatternOf('nonsense://')).toThrow(/Not a valid/);
  });
});

describe('isConsoleUrl', () => {
  const sites = ['http://localhost/console/*', 'https://*.example.com/desk/*'];
  it('matches pages under a site pattern, any port', () => {
    expect(isConsoleUrl('http://localhost:5178/console/', sites)).toBe(true);
    expect(isConsoleUrl('https://eu.example.com/desk/calls?id=1', sites)).toBe(true);
  });
  it('does not match other paths, hosts or schemes', () => {
    expect(isConsoleUrl('http://localhost:5178/elsewhere.html', sites)).toBe(false);
    expect(isConsoleUrl('http://127.0.0.1:5178/console/', sites)).toBe(false);
    expect(isConsoleUrl('http://eu.example.com/desk/', sites)).toBe(false);
    expect(isConsoleUrl('not a url', sites)).toBe(false);
  });
});
