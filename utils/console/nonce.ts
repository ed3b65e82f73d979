/**
 * A random, URL-safe nonce (24 random bytes, base64url; uses the Web Crypto API available in
 * browsers and Node 20). Kept free of zod so the console content script can use it cheaply.
 */
export function makeNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
