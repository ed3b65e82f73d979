import { ImportFileError } from './types';

/**
 * The one text decoder for everything Seatmate reads from outside: knowledge-base files (CSV,
 * JSON, Markdown, zip entries), team-pack files and team packs downloaded from a URL.
 *
 * Accepted: UTF-8 (with or without a BOM), UTF-16 with a BOM, and GBK / GB18030 (what Excel and
 * WPS save as "CSV" on a Chinese Windows) when the bytes are confidently Chinese. Refused, naming
 * the file and asking for UTF-8: binary data, UTF-8 with damaged bytes, and text in other legacy
 * encodings — Shift-JIS, EUC-KR, Big5, Latin-1… — which a GBK reading would turn into plausible
 * looking mojibake (`返金ポリシー` in Shift-JIS reads `曉嬥億儕僔乕` as GBK).
 */

/** How imported bytes were decoded. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Why bytes were refused (the UI words each one). */
export type EncodingRefusal = 'binary' | 'bom-mismatch' | 'damaged-utf8' | 'japanese' | 'korean' | 'unknown';

/** Text decoded from a file, and how. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** A refusal by the decoder: an {@link ImportFileError} `encoding` whose detail is the file name. */
export class EncodingError extends ImportFileError {
  constructor(
    readonly reason: EncodingRefusal,
    message: string,
    fileName: string,
    /** For damaged UTF-8: the line of the first damaged byte. */
    readonly line: number | null = null,
  ) {
    super('encoding', message, fileName);
    this.name = 'EncodingError';
  }
}

const SAVE_AS = 'Save it as UTF-8 (in Excel: "CSV UTF-8"; in WPS or an editor: UTF-8) and try again.';

function refuse(reason: EncodingRefusal, what: string, name: string, line: number | null = null): never {
  throw new EncodingError(reason, `${name ? `${name}: ` : ''}${what}. ${SAVE_AS}`, name, line);
}

const CJK_OR_PUNCT =
  /[\u3000-\u30ff\u3100-\u312f\u3200-\u32ff\u2190-\u23ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2010-\u2027\u2030-\u205e\u00b7\u00d7\u00f7\u2160-\u217f\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff\u0391-\u03c9\u0401-\u0451\u00e0-\u00fc\u0101-\u01dc]/u;

/** True when the non-ASCII characters of a GB18030 decoding look like Chinese text, not mojibake. */
function looksLikeChinese(text: string): boolean {
  let nonAscii = 0;
  let plausible = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (CJK_OR_PUNCT.test(ch)) plausible++;
  }
  return nonAscii === 0 || plausible / nonAscii >= 0.9;
}

/** 1-based line of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Counts well-formed UTF-8 multi-byte sequences and bytes that fit none. UTF-8 with a few damaged
 * bytes has many of the first; GBK text, read as UTF-8, has far more of the second (about one GBK
 * character in seven happens to form a UTF-8 sequence).
 */
function utf8Shape(bytes: Uint8Array): { sequences: number; bad: number; firstBad: number } {
  let sequences = 0;
  let bad = 0;
  let firstBad = -1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += len;
    } else {
      bad++;
      if (firstBad < 0) firstBad = i;
      i++;
    }
  }
  return { sequences, bad, firstBad };
}

/**
 * How GB18030 bytes are made up: two-byte characters, how many of them are in GB2312 (the
 * simplified-Chinese set nearly all real GBK text is written in: symbols A1–A9, hanzi B0–F7, each
 * with a second byte A1–FE), and four-byte sequences.
 */
function gbShape(bytes: Uint8Array): { doubles: number; gb2312: number; quads: number } {
  let doubles = 0;
  let gb2312 = 0;
  let quads = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const second = bytes[i + 1] ?? 0;
    if (second >= 0x30 && second <= 0x39) {
      quads++;
      i += 4;
      continue;
    }
    doubles++;
    if (((b >= 0xa1 && b <= 0xa9) || (b >= 0xb0 && b <= 0xf7)) && second >= 0xa1 && second <= 0xfe) gb2312++;
    i += 2;
  }
  return { doubles, gb2312, quads };
}

/** The syllables that make up much of any Korean text (particles and endings). */
const COMMON_HANGUL = new Set('이다는의에하고을를가지서기사로한도수리자시으니습요어아있나대게인정일해것만주보상전라적');

const decoders = new Map<string, TextDecoder>();

/** `bytes` decoded as `label`, or null when they are not valid in it (decoders are made once: a zip has thousands of files). */
export function strictOrNull(label: string, bytes: Uint8Array): string | null {
  let decoder = decoders.get(label);
  if (!decoder) {
    decoder = new TextDecoder(label, { fatal: true });
    decoders.set(label, decoder);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

const isHangul = (ch: string | undefined) => ch !== undefined && ch >= '\uac00' && ch <= '\ud7a3';

/**
 * True when the bytes, read as EUC-KR, are Korean: mostly Hangul, and either many of the common
 * syllables or words separated by spaces (Chinese read as EUC-KR has neither).
 */
function looksKorean(bytes: Uint8Array): boolean {
  const text = strictOrNull('euc-kr', bytes);
  if (text === null) return false;
  const chars = Array.from(text);
  let nonAscii = 0;
  let hangul = 0;
  let common = 0;
  let spaced = 0;
  chars.forEach((ch, i) => {
    if (ch.charCodeAt(0) < 0x80) return;
    nonAscii++;
    if (!isHangul(ch)) return;
    hangul++;
    if (COMMON_HANGUL.has(ch)) common++;
    if (chars[i + 1] === ' ' && isHangul(chars[i + 2])) spaced++;
  });
  if (hangul < 4 || hangul / nonAscii < 0.6) return false;
  // Two signals for a few words; one is enough for a sentence or more.
  const signals = Number(common / hangul >= 0.15) + Number(spaced / hangul >= 0.1);
  return signals === 2 || (hangul >= 8 && signals === 1);
}

/** True when the bytes read as Shift-JIS carry the kana every Japanese text has. */
function looksJapanese(bytes: Uint8Array): boolean {
  const text = strictOrNull('shift_jis', bytes);
  if (text === null) return false;
  let nonAscii = 0;
  let kana = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) continue;
    nonAscii++;
    if (c >= 0x3041 && c <= 0x30ff) kana++;
  }
  return kana >= 2 && kana / nonAscii >= 0.1;
}

/**
 * Decodes the bytes of a file or download named `name` (a file name or an address, used in the
 * error). Throws an {@link EncodingError} (an `ImportFileError` with code `encoding`) for anything
 * it cannot read confidently; never returns mojibake.
 */
export function decodeImportText(bytes: Uint8Array, name = ''): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictDecode('utf-8', bytes.subarray(3), name), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strictDecode('utf-16le', bytes.subarray(2), name), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strictDecode('utf-16be', bytes.subarray(2), name), encoding: 'utf-16be' };
  }
  if (bytes.includes(0)) refuse('binary', 'this file contains binary data (NUL bytes), not text', name);
  const utf8 = strictOrNull('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };

  const shape = utf8Shape(bytes);
  if (shape.sequences >= 8 && shape.sequences >= 3 * shape.bad) {
    const at = shape.firstBad;
    const line = at < 0 ? null : lineAt(bytes, at);
    const where = at < 0 ? '' : ` (first at byte ${at}, line ${line})`;
    refuse('damaged-utf8', `this UTF-8 text has damaged bytes${where}`, name, line);
  }
  const gb = strictOrNull('gb18030', bytes);
  if (gb === null) refuse('unknown', 'this file is neither UTF-8 nor GBK/GB18030 text', name);
  if (looksJapanese(bytes)) refuse('japanese', 'this looks like Japanese text in Shift-JIS, not UTF-8 or GBK', name);
  if (looksKorean(bytes)) refuse('korean', 'this looks like Korean text in EUC-KR, not UTF-8 or GBK', name);
  const { doubles, gb2312, quads } = gbShape(bytes);
  if (gb2312 < 0.9 * (doubles + quads) || !looksLikeChinese(gb)) {
    refuse(
      'unknown',
      'this is not UTF-8, and read as GBK it does not look like Chinese text (Shift-JIS, EUC-KR, Big5 or Latin-1?)',
      name,
    );
  }
  return { text: gb, encoding: 'gb18030' };
}

function strictDecode(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, name: string): string {
  const text = strictOrNull(label, bytes);
  if (text !== null) return text;
  const upper = label.toUpperCase();
  return refuse('bom-mismatch', `this file starts with a ${upper} byte-order mark but is not valid ${upper}`, name);
}
