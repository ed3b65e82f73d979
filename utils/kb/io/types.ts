import type { ArticleInput } from '../article';
import type { SkippedEntry } from './zip';

/** Called as work advances: `done` of `total` units (rows, files or articles). */
export type ProgressFn = (done: number, total: number) => void;

/** The import and export formats Seatmate reads and writes. */
export type KbFormat = 'json' | 'csv' | 'markdown';

/** One problem with one imported item, naming where it is and which field is wrong. */
export interface ItemProblem {
  /** `id`, `title`, `steps[0].lines[1].text`, `front matter`, … or `(row)` for the whole item. */
  field: string;
  /** English text for logs and tests; the UI words it from `code` and `params`. */
  message: string;
  /**
   * zod's issue code (`too_small`, `invalid_format`, …) for schema problems, else one of
   * {@link ImportProblemCode}.
   */
  code: string;
  /** The limit broken, for `too_small` / `too_big`. */
  limit?: number;
  /** Values for the message: the duplicate id and where else it is, a cell count, a YAML line… */
  params?: Record<string, string | number>;
}

/** Problems the importer itself finds (as opposed to the article schema). */
export type ImportProblemCode =
  | 'unknown-field'
  | 'duplicate-id'
  | 'json-cell'
  | 'cell-count'
  | 'csv-syntax'
  | 'not-object'
  | 'yaml'
  | 'front-matter-unclosed'
  | 'front-matter-shape'
  | 'duplicate-key'
  | 'file';

/**
 * One article read from a file, before it is compared with what is stored. `where` names it the way
 * the agent can find it: `line 12` (CSV), `refund.md` (Markdown), `articles[3]` (JSON).
 */
export interface ParsedItem {
  where: string;
  /** The validated article, or null when `problems` is not empty. */
  article: ArticleInput | null;
  problems: ItemProblem[];
}

/** Everything read from the chosen file(s). */
export interface ParseResult {
  format: KbFormat;
  /** How the text was decoded (`utf-8`, `utf-8-bom`, `gb18030`, …), or `zip` / `mixed` for several files. */
  encoding: string;
  items: ParsedItem[];
  /** Files skipped on purpose (e.g. non-Markdown files in a zip), for the preview. */
  ignored: string[];
  /** Zip entries left out because their path repeats or climbs out of the folder, for the preview. */
  skipped?: SkippedEntry[];
}

/** Why a whole file was refused. The UI translates `code` and shows `detail`. */
export type ImportFileErrorCode =
  'empty' | 'encoding' | 'json' | 'schema-version' | 'columns' | 'too-large' | 'zip' | 'unsupported' | 'mixed';

/** A file that cannot be imported at all (as opposed to a bad row, which is reported per item). */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    /** Extra detail the UI shows verbatim: column names, file name, size… */
    readonly detail: string = '',
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Largest single file accepted (bytes). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Gives the event loop a turn so a page stays responsive during long work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A helper for loops over many items: reports progress and yields to the event loop at most every
 * `everyMs` of work, so 10,000 rows neither freeze a page nor pay for 10,000 timers.
 */
export function createTicker(total: number, onProgress?: ProgressFn, everyMs = 16): (done: number) => Promise<void> {
  let last = Date.now();
  return async (done: number) => {
    const now = Date.now();
    if (done === total || now - last >= everyMs) {
      onProgress?.(done, total);
      if (done !== total) {
        await yieldToEventLoop();
        last = Date.now();
      }
    }
  };
}
