import { ImportFileError } from './types';

/** How imported bytes were decoded. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Text decoded from a file, and how. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const CJK_OR_PUNCT =
  /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2010-\u2027\u2030-\u205e\u00b7\u00d7\u00f7\u2160-\u217f\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff\u0391-\u03c9\u0401-\u0451\u00e0-\u00fc\u0101-\u01dc]/u;

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

/**
 * Decodes an import file's bytes. Accepts UTF-8 with or without a BOM, UTF-16 with a BOM, and
 * GBK / GB18030 (what Excel and WPS save as "CSV" on a Chinese Windows), detected when the bytes
 * are not valid UTF-8 but are valid GB18030 that reads as Chinese. Anything else — binary files,
 * Latin-1, Big5 that does not decode — is refused with an {@link ImportFileError} (`encoding`)
 * rather than imported as garbled text.
 */
export function decodeImportText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictDecode('utf-8', bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strictDecode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strictDecode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (bytes.includes(0)) {
    throw new ImportFileError(
      'encoding',
      'This file contains binary data (NUL bytes). Save it as UTF-8 text (CSV UTF-8, JSON or Markdown) and try again.',
    );
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: try the Chinese Windows code page next.
  }
  let gb: string;
  try {
    gb = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'encoding',
      'This file is neither UTF-8 nor GBK/GB18030 text. Save it as "CSV UTF-8" (Excel) or UTF-8 (WPS, editors) and try again.',
    );
  }
  if (!looksLikeChinese(gb)) {
    throw new ImportFileError(
      'encoding',
      'This file is not UTF-8, and read as GBK it does not look like Chinese text. Save it as UTF-8 and try again.',
    );
  }
  return { text: gb, encoding: 'gb18030' };
}

function strictDecode(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'encoding',
      `This file starts with a ${label.toUpperCase()} byte-order mark but is not valid ${label.toUpperCase()}. Save it again as UTF-8 and retry.`,
    );
  }
}
