import { crc32 } from '@/utils/kb/io/zip';

/**
 * Makers of hostile and malformed input for tests and for test/bench/hostile-inputs: text in
 * legacy encodings (Shift-JIS, EUC-KR, Big5, GBK, Latin-1) and zip files with whatever a zip can
 * get wrong (repeated names, `..` paths, wrong checksums).
 */

const encoders = new Map<string, Map<string, number[]>>();

/**
 * An encoder for a legacy encoding, built from the platform's own decoder: every one- and
 * two-byte sequence is decoded once, and each character remembers the first bytes that gave it.
 */
function encoderFor(label: string): Map<string, number[]> {
  const cached = encoders.get(label);
  if (cached) return cached;
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder(label, { fatal: true });
  const learn = (bytes: number[]) => {
    try {
      const ch = decoder.decode(Uint8Array.from(bytes));
      if ([...ch].length === 1 && !table.has(ch)) table.set(ch, bytes);
    } catch {
      // Not a character in this encoding.
    }
  };
  for (let b = 0; b < 0x100; b++) learn([b]);
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) learn([lead, trail]);
  encoders.set(label, table);
  return table;
}

/** `text` in a legacy encoding (`shift_jis`, `euc-kr`, `big5`, `gbk`, `windows-1252`); throws on a character it lacks. */
export function encodeLegacy(text: string, label: string): Uint8Array {
  const table = encoderFor(label);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`${label} cannot encode ${JSON.stringify(ch)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

/** A file to put in a hand-made zip; `crc` overrides the checksum written for it. */
export interface ZipFile {
  name: string;
  data: Uint8Array;
  crc?: number;
  /** Write the name bytes as given, without the UTF-8 flag. */
  rawName?: Uint8Array;
}

/** A zip of stored (uncompressed) entries, exactly as listed: names may repeat or climb out with `..`. */
export function makeZip(files: readonly ZipFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = f.rawName ?? new TextEncoder().encode(f.name);
    const flags = f.rawName ? 0 : 0x800;
    const crc = f.crc ?? crc32(f.data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, f.data.length, true);
    lv.setUint32(22, f.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, f.data.length, true);
    cv.setUint32(24, f.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    entry.set(name, 46);
    chunks.push(local, f.data);
    central.push(entry);
    offset += local.length + f.data.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** UTF-8 bytes of `text`. */
export const utf8 = (text: string) => new TextEncoder().encode(text);
