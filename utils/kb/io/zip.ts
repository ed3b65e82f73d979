import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ImportFileError } from './types';

/** Largest total uncompressed size of a zip's Markdown files (bytes). */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Most entries read from one zip. */
export const MAX_ZIP_ENTRIES = 20_000;

/** One file taken out of a zip. */
export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/** True for paths a folder of articles may carry but that are not articles: macOS metadata, dotfiles. */
export function isIgnorablePath(path: string): boolean {
  return path.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}

/** True for a Markdown file name. */
export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/**
 * Zips made on Chinese Windows store file names in GBK without the UTF-8 flag; fflate then reads
 * them as Latin-1. Re-decode such names so `退款.md` is not shown as mojibake.
 */
function repairName(name: string): string {
  if (![...name].some((c) => c.charCodeAt(0) > 0x7f) || [...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  for (const label of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // Try the next encoding.
    }
  }
  return name;
}

/**
 * Takes the Markdown files out of a zip (folders allowed), skipping `__MACOSX`, dotfiles and
 * directories; other files are listed in `ignored`. Refuses a broken zip, or one whose Markdown
 * would expand beyond {@link MAX_ZIP_UNCOMPRESSED_BYTES} (checked from the directory before
 * anything is inflated).
 */
export function unzipMarkdown(
  bytes: Uint8Array,
  maxTotal = MAX_ZIP_UNCOMPRESSED_BYTES,
): { entries: ZipEntry[]; ignored: string[] } {
  const ignored: string[] = [];
  let total = 0;
  let count = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const path = repairName(file.name);
        if (path.endsWith('/') || isIgnorablePath(path)) return false;
        if (!isMarkdownPath(path)) {
          ignored.push(path);
          return false;
        }
        total += file.originalSize;
        count++;
        if (total > maxTotal || count > MAX_ZIP_ENTRIES) {
          throw new ImportFileError(
            'too-large',
            `The zip expands to more than ${Math.round(maxTotal / 1024 / 1024)} MB of Markdown (or more than ${MAX_ZIP_ENTRIES} files). Split it and import the parts.`,
          );
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(
      'zip',
      'This zip file cannot be read (damaged or not a zip).',
      err instanceof Error ? err.message : '',
    );
  }
  const entries = Object.entries(files)
    .map(([name, data]) => ({ path: repairName(name), bytes: data }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { entries, ignored };
}

/** Makes a zip (UTF-8 names) of text files. */
export function zipTextFiles(files: ReadonlyArray<{ path: string; text: string }>): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [strToU8(f.text), { level: 6 }];
  return zipSync(tree);
}
