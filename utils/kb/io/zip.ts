import { inflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import { strictOrNull } from './encoding';
import { ImportFileError } from './types';

/** Largest total uncompressed size of a zip's Markdown files (bytes). */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Most entries read from one zip. */
export const MAX_ZIP_ENTRIES = 20_000;

/** Why one file in a zip could not be taken out (the others still are). */
export type ZipDamage = 'crc' | 'size' | 'inflate' | 'encrypted' | 'method';

/** One file taken out of a zip; with `damage`, its bytes are empty and the file is reported. */
export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
  damage?: ZipDamage;
}

/** A zip entry left out on purpose, and why: listed in the preview. */
export interface SkippedEntry {
  path: string;
  /** `duplicate`: the zip holds this path twice (the first is read); `unsafe-path`: `..`, an absolute path or a drive. */
  reason: 'duplicate' | 'unsafe-path';
}

/** True for paths a folder of articles may carry but that are not articles: macOS metadata, dotfiles. */
export function isIgnorablePath(path: string): boolean {
  return path.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}

/** True for a Markdown file name. */
export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** True for a path that climbs out of its folder or names a root or drive (`../x.md`, `/etc/x.md`, `C:x.md`). */
export function isUnsafePath(path: string): boolean {
  return (
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    path.includes('\u0000') ||
    path.split('/').some((part) => part === '..')
  );
}

/**
 * A stored name as text. Names flagged UTF-8 are read as UTF-8. Zips made on Chinese Windows store
 * names in GBK without the flag: read as UTF-8 if that works, else as GB18030, else byte by byte.
 * Backslashes (some Windows tools) become folder separators.
 */
function entryName(raw: Uint8Array, utf8Flag: boolean): string {
  const ascii = raw.every((b) => b < 0x80);
  const name = ascii
    ? String.fromCharCode(...raw)
    : (strictOrNull('utf-8', raw) ?? (utf8Flag ? null : strictOrNull('gb18030', raw)) ?? String.fromCharCode(...raw));
  return name.replace(/\\/g, '/');
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (the zip checksum) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface DirectoryEntry {
  path: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const broken = (detail: string) =>
  new ImportFileError('zip', 'This zip file cannot be read (damaged or not a zip).', detail);

/** Reads the central directory (the zip's table of contents), refusing a zip it cannot trust. */
function readDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw broken('no end-of-directory record');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw broken('ZIP64 archives are not supported');
  if (offset + size > end) throw broken('the directory lies outside the file');
  const entries: DirectoryEntry[] = [];
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw broken(`directory entry ${k + 1} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) throw broken(`directory entry ${k + 1} is damaged`);
    const flags = view.getUint16(at + 8, true);
    entries.push({
      path: entryName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
      flags,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Takes one file's bytes out, checking its size and checksum; `damage` when it cannot be trusted. */
function extract(bytes: Uint8Array, e: DirectoryEntry): { bytes: Uint8Array; damage?: ZipDamage } {
  const empty = new Uint8Array(0);
  if (e.flags & 1) return { bytes: empty, damage: 'encrypted' };
  if (e.method !== 0 && e.method !== 8) return { bytes: empty, damage: 'method' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = e.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
    return { bytes: empty, damage: 'inflate' };
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + e.compressedSize > bytes.length) return { bytes: empty, damage: 'size' };
  const data = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  try {
    // One byte more than declared: a file that inflates beyond its declared size is caught, not followed.
    out = e.method === 0 ? data.slice() : inflateSync(data, { out: new Uint8Array(e.size + 1) });
  } catch {
    return { bytes: empty, damage: 'inflate' };
  }
  if (out.length !== e.size) return { bytes: empty, damage: 'size' };
  if (crc32(out) !== e.crc) return { bytes: empty, damage: 'crc' };
  return { bytes: out };
}

/**
 * Takes the Markdown files out of a zip (folders allowed), skipping `__MACOSX`, dotfiles and
 * directories; other files are listed in `ignored`; a path seen twice, or one that climbs out of
 * the folder (`..`, `/…`, `C:…`), is listed in `skipped` with the reason. Each file's size and
 * CRC-32 are checked: a damaged file comes back with `damage` (and is reported as that file's
 * error) while the others are read. Refuses a zip whose directory is broken, or whose Markdown
 * would expand beyond {@link MAX_ZIP_UNCOMPRESSED_BYTES} (checked from the directory before
 * anything is inflated).
 */
export function unzipMarkdown(
  bytes: Uint8Array,
  maxTotal = MAX_ZIP_UNCOMPRESSED_BYTES,
): { entries: ZipEntry[]; ignored: string[]; skipped: SkippedEntry[] } {
  const ignored: string[] = [];
  const skipped: SkippedEntry[] = [];
  const wanted: DirectoryEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const e of readDirectory(bytes)) {
    const path = e.path;
    if (path.endsWith('/')) continue;
    if (isUnsafePath(path)) {
      skipped.push({ path, reason: 'unsafe-path' });
      continue;
    }
    if (isIgnorablePath(path)) continue;
    if (!isMarkdownPath(path)) {
      ignored.push(path);
      continue;
    }
    if (seen.has(path)) {
      skipped.push({ path, reason: 'duplicate' });
      continue;
    }
    seen.add(path);
    total += e.size;
    if (total > maxTotal || wanted.length >= MAX_ZIP_ENTRIES) {
      throw new ImportFileError(
        'too-large',
        `The zip expands to more than ${Math.round(maxTotal / 1024 / 1024)} MB of Markdown (or more than ${MAX_ZIP_ENTRIES} files). Split it and import the parts.`,
      );
    }
    wanted.push(e);
  }
  const entries = wanted
    .map((e): ZipEntry => {
      const { bytes: data, damage } = extract(bytes, e);
      return damage ? { path: e.path, bytes: data, damage } : { path: e.path, bytes: data };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return { entries, ignored, skipped };
}

/** Makes a zip (UTF-8 names) of text files. */
export function zipTextFiles(files: ReadonlyArray<{ path: string; text: string }>): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [strToU8(f.text), { level: 6 }];
  return zipSync(tree);
}
