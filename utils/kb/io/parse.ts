import { parseKbCsv } from './csv';
import { decodeImportText } from './encoding';
import { parseKbJson } from './json';
import { parseKbMarkdown } from './markdown';
import {
  createTicker,
  ImportFileError,
  MAX_FILE_BYTES,
  type KbFormat,
  type ParsedItem,
  type ParseResult,
  type ProgressFn,
} from './types';
import { isIgnorablePath, isMarkdownPath, unzipMarkdown, type SkippedEntry, type ZipDamage } from './zip';

/** A file handed to the importer: its name (a relative path for folder picks) and bytes. */
export interface ImportSource {
  name: string;
  bytes: Uint8Array;
}

function kindOf(name: string): KbFormat | 'zip' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.zip')) return 'zip';
  if (isMarkdownPath(n)) return 'markdown';
  return null;
}

/** What a damaged zip entry says about itself. */
const DAMAGE_TEXT: Record<ZipDamage, string> = {
  crc: 'its checksum (CRC-32) does not match: the zip is damaged',
  size: 'its size does not match the zip directory: the zip is damaged',
  inflate: 'it cannot be decompressed: the zip is damaged',
  encrypted: 'it is encrypted (password-protected zips are not read)',
  method: 'it uses a compression method Seatmate does not read (only Store and Deflate)',
};

/** One Markdown file that cannot become an article: that file's error, located by its path. */
function fileProblem(where: string, fileCode: string, message: string, extra: Record<string, string> = {}): ParsedItem {
  return {
    where,
    article: null,
    problems: [{ field: '(file)', code: 'file', params: { fileCode, ...extra }, message }],
  };
}

/**
 * Reads each Markdown file on its own: whatever goes wrong with one (encoding, a damaged zip
 * entry, YAML the parser gives up on) becomes that file's located error, and the others are read.
 */
async function parseMarkdownFiles(
  files: (ImportSource & { damage?: ZipDamage })[],
  onProgress: ProgressFn | undefined,
): Promise<{ items: ParsedItem[]; encodings: Set<string> }> {
  const tick = createTicker(files.length, onProgress);
  const items: ParsedItem[] = [];
  const encodings = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    try {
      if (f.damage) {
        items.push(fileProblem(f.name, 'zip', DAMAGE_TEXT[f.damage], { damage: f.damage }));
      } else {
        const { text, encoding } = decodeImportText(f.bytes, f.name);
        encodings.add(encoding);
        items.push(parseKbMarkdown(f.name, text));
      }
    } catch (err) {
      const { reason, line } = err as { reason?: unknown; line?: unknown };
      const extra: Record<string, string> = typeof reason === 'string' ? { reason } : {};
      if (typeof line === 'number') extra.line = String(line);
      if (err instanceof ImportFileError) items.push(fileProblem(f.name, err.code, err.message, extra));
      else items.push(fileProblem(f.name, 'unreadable', err instanceof Error ? err.message : String(err)));
    }
    await tick(i + 1);
  }
  return { items, encodings };
}

/**
 * Reads what the agent picked: one `.json`, one `.csv`, one `.zip` of Markdown, or any number of
 * `.md` files (a folder pick passes paths as names). Decodes text (see `decodeImportText`),
 * parses and validates every article, reporting progress. Refuses (ImportFileError) empty or
 * oversized files, unknown types and mixtures; bad articles come back as items with problems.
 */
export async function parseImport(sources: readonly ImportSource[], onProgress?: ProgressFn): Promise<ParseResult> {
  const ignored: string[] = [];
  const picked: ImportSource[] = [];
  for (const s of sources) {
    if (isIgnorablePath(s.name)) continue;
    if (kindOf(s.name) === null) ignored.push(s.name);
    else picked.push(s);
  }
  if (picked.length === 0) {
    throw new ImportFileError(
      sources.length === 0 ? 'empty' : 'unsupported',
      'Choose a .json, .csv or .zip file, or Markdown (.md) files.',
      ignored.join(', '),
    );
  }
  for (const s of picked) {
    if (s.bytes.length > MAX_FILE_BYTES) {
      throw new ImportFileError(
        'too-large',
        `${s.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it and import the parts.`,
        s.name,
      );
    }
  }
  const kinds = new Set(picked.map((s) => kindOf(s.name)));
  if (kinds.size > 1 || (picked.length > 1 && !kinds.has('markdown'))) {
    throw new ImportFileError(
      'mixed',
      'Import one .json, .csv or .zip file at a time, or only Markdown files.',
      picked.map((s) => s.name).join(', '),
    );
  }
  const first = picked[0]!;
  const kind = kindOf(first.name)!;
  if (kind === 'json' || kind === 'csv') {
    if (first.bytes.length === 0) throw new ImportFileError('empty', 'The file is empty.', first.name);
    const { text, encoding } = decodeImportText(first.bytes, first.name);
    try {
      const items = kind === 'json' ? await parseKbJson(text, onProgress) : await parseKbCsv(text, onProgress);
      return { format: kind, encoding, items, ignored };
    } catch (err) {
      // A whole-file refusal always names the file (unless it already says what is wrong where).
      if (err instanceof ImportFileError && err.detail === '')
        throw new ImportFileError(err.code, err.message, first.name);
      throw err;
    }
  }
  let files: (ImportSource & { damage?: ZipDamage })[] = picked;
  let skipped: SkippedEntry[] = [];
  if (kind === 'zip') {
    const unzipped = unzipMarkdown(first.bytes);
    ignored.push(...unzipped.ignored);
    skipped = unzipped.skipped;
    files = unzipped.entries.map((e) => ({ name: e.path, bytes: e.bytes, ...(e.damage ? { damage: e.damage } : {}) }));
    if (files.length === 0) throw new ImportFileError('empty', 'The zip holds no Markdown (.md) files.', first.name);
  }
  const { items, encodings } = await parseMarkdownFiles(files, onProgress);
  const encoding = encodings.size === 1 ? [...encodings][0]! : encodings.size === 0 ? 'utf-8' : 'mixed';
  return { format: 'markdown', encoding, items, ignored, skipped };
}
