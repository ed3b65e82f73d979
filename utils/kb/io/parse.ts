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
import { isIgnorablePath, isMarkdownPath, unzipMarkdown } from './zip';

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

async function parseMarkdownFiles(
  files: ImportSource[],
  onProgress: ProgressFn | undefined,
): Promise<{ items: ParsedItem[]; encodings: Set<string> }> {
  const tick = createTicker(files.length, onProgress);
  const items: ParsedItem[] = [];
  const encodings = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    try {
      const { text, encoding } = decodeImportText(f.bytes);
      encodings.add(encoding);
      items.push(parseKbMarkdown(f.name, text));
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      items.push({
        where: f.name,
        article: null,
        problems: [{ field: '(file)', code: 'file', params: { fileCode: err.code }, message: err.message }],
      });
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
    const { text, encoding } = decodeImportText(first.bytes);
    const items = kind === 'json' ? await parseKbJson(text, onProgress) : await parseKbCsv(text, onProgress);
    return { format: kind, encoding, items, ignored };
  }
  let files = picked;
  if (kind === 'zip') {
    const unzipped = unzipMarkdown(first.bytes);
    ignored.push(...unzipped.ignored);
    files = unzipped.entries.map((e) => ({ name: e.path, bytes: e.bytes }));
    if (files.length === 0) throw new ImportFileError('empty', 'The zip holds no Markdown (.md) files.', first.name);
  }
  const { items, encodings } = await parseMarkdownFiles(files, onProgress);
  const encoding = encodings.size === 1 ? [...encodings][0]! : encodings.size === 0 ? 'utf-8' : 'mixed';
  return { format: 'markdown', encoding, items, ignored };
}
