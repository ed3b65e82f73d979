import { describe, expect, it } from 'vitest';
import { decodeImportText } from '@/utils/kb/io/encoding';
import { ImportFileError } from '@/utils/kb/io/types';
import { fixture, utf8 } from '../fixtures/kb-import/helpers';

describe('decodeImportText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeImportText(utf8('标题,正文\n退款,七天'))).toEqual({ text: '标题,正文\n退款,七天', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM and says so', () => {
    const r = decodeImportText(fixture('articles-zh-bom.csv'));
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.text.startsWith('编号,')).toBe(true);
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const text = 'title,body\n退款,七天';
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + i * 2] = c & 0xff;
      le[3 + i * 2] = c >> 8;
      be[2 + i * 2] = c >> 8;
      be[3 + i * 2] = c & 0xff;
    }
    expect(decodeImportText(le)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeImportText(be)).toEqual({ text, encoding: 'utf-16be' });
  });

  it('detects a GBK file saved by Excel (fixture made with iconv -t gbk)', () => {
    const bytes = fixture('articles-zh-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = decodeImportText(bytes);
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe(new TextDecoder().decode(fixture('articles-zh.csv')));
  });

  it('detects GBK bytes written by hand', () => {
    // 退款 = CD CB BF EE, 政策 = D5 FE B2 DF in GBK.
    const bytes = Uint8Array.from([...utf8('title,body\n'), 0xcd, 0xcb, 0xbf, 0xee, 0x2c, 0xd5, 0xfe, 0xb2, 0xdf]);
    expect(decodeImportText(bytes)).toEqual({ text: 'title,body\n退款,政策', encoding: 'gb18030' });
  });

  it('refuses Latin-1 text instead of importing mojibake', () => {
    const latin1 = Uint8Array.from([...utf8('title,body\nCaf'), 0xe9, 0x2c, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9]);
    expect(() => decodeImportText(latin1)).toThrow(ImportFileError);
    expect(() => decodeImportText(latin1)).toThrow(/UTF-8/);
  });

  it('refuses binary data and a broken UTF-8 BOM file', () => {
    expect(() => decodeImportText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/binary/);
    try {
      decodeImportText(Uint8Array.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xfd]));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ImportFileError);
      expect((err as ImportFileError).code).toBe('encoding');
    }
  });
});
