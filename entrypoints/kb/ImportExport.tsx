import { useEffect, useRef, useState, type JSX } from 'react';
import { download } from '@/components/download';
import { useModalDialog } from '@/components/useModalDialog';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import type { MessageKey } from '@/utils/i18n';
import { applyImport } from '@/utils/kb/io/apply';
import { exportKb } from '@/utils/kb/io/export';
import { parseImport, type ImportSource } from '@/utils/kb/io/parse';
import { previewImport, type ImportPreview, type InvalidEntry } from '@/utils/kb/io/preview';
import { ImportFileError, type ImportFileErrorCode, type KbFormat } from '@/utils/kb/io/types';
import { EncodingError } from '@/utils/kb/io/encoding';
import { encodingText, fileProblemText, SkippedEntries } from './ImportProblems';
import { issueText } from './form';
import './import-export.css';

type Phase = 'read' | 'parse' | 'compare' | 'write';

type Step =
  | { kind: 'idle' }
  | { kind: 'working'; phase: Phase; done: number; total: number; label: string }
  | { kind: 'preview'; preview: ImportPreview; label: string }
  | { kind: 'done'; text: string; error: boolean; label: string };

const ERROR_KEYS: Record<ImportFileErrorCode, MessageKey> = {
  empty: 'kbio.errors.empty',
  encoding: 'kbio.errors.encoding',
  json: 'kbio.errors.json',
  'schema-version': 'kbio.errors.schemaVersion',
  columns: 'kbio.errors.columns',
  'too-large': 'kbio.errors.tooLarge',
  zip: 'kbio.errors.zip',
  unsupported: 'kbio.errors.unsupported',
  mixed: 'kbio.errors.mixed',
};

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GBK / GB18030',
  mixed: 'UTF-8 / GBK',
};

const PHASE_KEYS: Record<Phase, MessageKey> = {
  read: 'kbio.phase.read',
  parse: 'kbio.phase.parse',
  compare: 'kbio.phase.compare',
  write: 'kbio.phase.write',
};

type Translate = ReturnType<typeof useI18n>['t'];

/** `line 7` → 第 7 行; file names and JSON paths are shown as they are. */
function whereText(t: Translate, where: string): string {
  return where.replace(/\bline (\d+)/g, (_m, n: string) => t('kbio.line', { n }));
}

function fieldText(t: Translate, field: string): string {
  if (field === '(row)') return t('kbio.wholeRow');
  if (field === '(file)') return t('kbio.wholeFile');
  return field;
}

const PROBLEM_KEYS: Record<string, MessageKey> = {
  'unknown-field': 'kbio.problems.unknownField',
  'duplicate-id': 'kbio.problems.duplicateId',
  'json-cell': 'kbio.problems.jsonCell',
  'cell-count': 'kbio.problems.cellCount',
  'csv-syntax': 'kbio.problems.csvSyntax',
  'not-object': 'kbio.problems.notObject',
  yaml: 'kbio.problems.yaml',
  'front-matter-unclosed': 'kbio.problems.frontMatterUnclosed',
  'front-matter-shape': 'kbio.problems.frontMatterShape',
  'duplicate-key': 'untrusted.kbio.duplicateKey',
  invalid_value: 'kbio.problems.invalidValue',
  invalid_type: 'kbio.problems.invalidType',
};

/** One invalid row's problem in the agent's language (schema messages reuse the editor's wording). */
function problemText(t: Translate, p: InvalidEntry): string {
  if (p.code === 'file') {
    const specific = fileProblemText(t, p);
    if (specific) return specific;
    const code = p.params?.fileCode as ImportFileErrorCode | undefined;
    return code && ERROR_KEYS[code] ? t(ERROR_KEYS[code], { detail: '' }) : p.message;
  }
  const key = PROBLEM_KEYS[p.code];
  if (key && (p.code !== 'invalid_value' || p.params?.values) && (p.code !== 'invalid_type' || p.params?.expected)) {
    const params = { ...p.params };
    if (typeof params.others === 'string') params.others = whereText(t, params.others);
    return t(key, params);
  }
  return issueText(t, { path: p.field, code: p.code, message: p.message, limit: p.limit });
}

/** Problems listed in the preview table; the rest are counted. */
const MAX_LISTED_PROBLEMS = 200;

async function readSources(files: FileList): Promise<ImportSource[]> {
  return Promise.all(
    Array.from(files, async (f) => ({
      // A folder pick gives each file its path inside the folder.
      name: f.webkitRelativePath || f.name,
      bytes: new Uint8Array(await f.arrayBuffer()),
    })),
  );
}

/**
 * Knowledge-base import and export for the KB page toolbar: pick a file (JSON, CSV, Markdown, zip)
 * or a folder of Markdown, see a preview (new / changed / unchanged / invalid, with each invalid
 * row's place and field), then import everything in one transaction; or export the knowledge base
 * as JSON, CSV or a zip of Markdown.
 */
export function ImportExport(): JSX.Element {
  const { t, locale } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [exportStatus, setExportStatus] = useState<{ text: string; error: boolean } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  /** Bumped on cancel so a parse still running is ignored when it ends. */
  const runRef = useRef(0);

  const open = step.kind !== 'idle';
  const dialogRef = useModalDialog(open);

  useEffect(() => {
    // Folder picking is not a standard attribute React knows; set it on the element.
    folderRef.current?.setAttribute('webkitdirectory', '');
  }, []);

  useEffect(() => {
    if (!exportStatus || exportStatus.error) return;
    // Clears only this status: an export that kept the page busy past 8 s has already queued a newer one.
    const timer = setTimeout(() => setExportStatus((s) => (s === exportStatus ? null : s)), 8_000);
    return () => clearTimeout(timer);
  }, [exportStatus]);

  useEffect(() => {
    if (menuOpen) menuRef.current?.querySelector('button')?.focus();
  }, [menuOpen]);

  const fmt = (n: number) => n.toLocaleString(locale);

  const fileErrorText = (err: unknown): string => {
    if (err instanceof EncodingError) return encodingText(t, err.reason, err.detail, err.line);
    if (err instanceof ImportFileError) {
      const text = t(ERROR_KEYS[err.code], { detail: err.detail });
      return err.code === 'columns' || err.code === 'schema-version' || !err.detail ? text : `${text} (${err.detail})`;
    }
    return t('kbio.errors.unknown', { message: err instanceof Error ? err.message : String(err) });
  };

  async function startImport(files: FileList | null) {
    if (!files || files.length === 0) return;
    const run = ++runRef.current;
    const label =
      files.length === 1
        ? files[0]!.name
        : `${files[0]!.webkitRelativePath.split('/')[0] || files[0]!.name} (${files.length})`;
    setSkipInvalid(false);
    setStep({ kind: 'working', phase: 'read', done: 0, total: 0, label });
    const progress = (phase: Phase) => (done: number, total: number) => {
      if (runRef.current === run) setStep({ kind: 'working', phase, done, total, label });
    };
    try {
      const sources = await readSources(files);
      const parsed = await parseImport(sources, progress('parse'));
      if (runRef.current !== run) return;
      const preview = await previewImport(getDb(), parsed, progress('compare'));
      if (runRef.current !== run) return;
      setStep({ kind: 'preview', preview, label });
    } catch (err) {
      if (runRef.current === run) setStep({ kind: 'done', text: fileErrorText(err), error: true, label });
    }
  }

  async function confirmImport(preview: ImportPreview, label: string) {
    const run = ++runRef.current;
    const total = preview.new.length + preview.changed.length;
    setStep({ kind: 'working', phase: 'write', done: 0, total, label });
    try {
      const outcome = await applyImport(getDb(), preview, {
        now: Date.now(),
        skipInvalid,
        onProgress: (done, all) => setStep({ kind: 'working', phase: 'write', done, total: all, label }),
      });
      const text = [
        t('kbio.result', {
          added: fmt(outcome.added),
          updated: fmt(outcome.updated),
          unchanged: fmt(outcome.unchanged),
        }),
        outcome.skipped ? t('kbio.resultSkipped', { skipped: fmt(outcome.skipped) }) : '',
      ]
        .filter(Boolean)
        .join(locale === 'zh-CN' ? '' : ' ');
      if (runRef.current === run) setStep({ kind: 'done', text, error: false, label });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (runRef.current === run) setStep({ kind: 'done', text: t('kbio.failed', { message }), error: true, label });
    }
  }

  function closeDialog() {
    if (step.kind === 'working' && step.phase === 'write') return; // the transaction finishes first
    runRef.current++;
    setStep({ kind: 'idle' });
    if (fileRef.current) fileRef.current.value = '';
    if (folderRef.current) folderRef.current.value = '';
  }

  async function runExport(format: KbFormat) {
    setMenuOpen(false);
    menuButtonRef.current?.focus();
    try {
      const articles = await getDb().articles.toArray();
      const file = exportKb(articles, format, new Date());
      download(file.fileName, file.mimeType, file.bytes);
      setExportStatus({ text: t('kbio.exported', { count: fmt(articles.length), file: file.fileName }), error: false });
    } catch (err) {
      setExportStatus({
        text: t('kbio.exportFailed', { message: err instanceof Error ? err.message : String(err) }),
        error: true,
      });
    }
  }

  return (
    <div className="kbio">
      <button
        type="button"
        onClick={() => fileRef.current?.click()}
        title={t('kbio.importHint')}
        data-testid="kb-import-button"
      >
        {t('kbio.import')}
      </button>
      <input
        ref={fileRef}
        type="file"
        hidden
        multiple
        accept=".json,.csv,.md,.markdown,.zip,application/json,text/csv,text/markdown,application/zip"
        onChange={(e) => void startImport(e.currentTarget.files)}
        aria-label={t('kbio.importHint')}
        data-testid="kb-import-file"
      />
      <button
        type="button"
        onClick={() => folderRef.current?.click()}
        title={t('kbio.importFolderHint')}
        data-testid="kb-import-folder-button"
      >
        {t('kbio.importFolder')}
      </button>
      <input
        ref={folderRef}
        type="file"
        hidden
        multiple
        onChange={(e) => void startImport(e.currentTarget.files)}
        aria-label={t('kbio.importFolderHint')}
        data-testid="kb-import-folder"
      />
      <div
        className="kbio-export"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && menuOpen) {
            e.stopPropagation();
            setMenuOpen(false);
            menuButtonRef.current?.focus();
          }
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget)) setMenuOpen(false);
        }}
      >
        <button
          ref={menuButtonRef}
          type="button"
          aria-haspopup="true"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((v) => !v)}
          data-testid="kb-export-button"
        >
          {t('kbio.export')} ▾
        </button>
        {menuOpen ? (
          <div ref={menuRef} className="kbio-menu" data-testid="kb-export-menu">
            <button type="button" onClick={() => void runExport('json')} data-testid="kb-export-json">
              {t('kbio.exportJson')}
            </button>
            <button type="button" onClick={() => void runExport('csv')} data-testid="kb-export-csv">
              {t('kbio.exportCsv')}
            </button>
            <button type="button" onClick={() => void runExport('markdown')} data-testid="kb-export-md">
              {t('kbio.exportMd')}
            </button>
          </div>
        ) : null}
      </div>
      {exportStatus ? (
        <span
          className={exportStatus.error ? 'kbio-export-status sm-error' : 'kbio-export-status sm-muted'}
          role={exportStatus.error ? 'alert' : 'status'}
          data-testid="kb-export-result"
        >
          {exportStatus.text}
        </span>
      ) : null}

      <dialog
        ref={dialogRef}
        className="kbio-dialog"
        aria-labelledby="kbio-title"
        onCancel={(e) => {
          e.preventDefault();
          closeDialog();
        }}
        data-testid="kb-import-preview"
      >
        <h2 id="kbio-title">{t('kbio.previewTitle')}</h2>
        {step.kind === 'working' ? <Progress step={step} t={t} fmt={fmt} /> : null}
        {step.kind === 'preview' ? (
          <PreviewBody
            preview={step.preview}
            label={step.label}
            skipInvalid={skipInvalid}
            onSkipInvalid={setSkipInvalid}
          />
        ) : null}
        {step.kind === 'done' ? (
          <p
            className={step.error ? 'kbio-result notice-error' : 'kbio-result notice-ok'}
            role={step.error ? 'alert' : 'status'}
            data-testid="kb-import-result"
          >
            {step.text}
          </p>
        ) : null}
        <div className="kbio-actions">
          {step.kind === 'preview' ? (
            <ConfirmButton
              preview={step.preview}
              skipInvalid={skipInvalid}
              onConfirm={() => void confirmImport(step.preview, step.label)}
            />
          ) : null}
          <button
            type="button"
            onClick={closeDialog}
            disabled={step.kind === 'working' && step.phase === 'write'}
            data-testid="kb-import-cancel"
          >
            {step.kind === 'done' ? t('kbio.close') : t('kbio.cancel')}
          </button>
        </div>
      </dialog>
    </div>
  );
}

function Progress({
  step,
  t,
  fmt,
}: {
  step: Extract<Step, { kind: 'working' }>;
  t: Translate;
  fmt: (n: number) => string;
}) {
  const known = step.total > 0;
  return (
    <div className="kbio-progress">
      <p className="sm-muted" id="kbio-progress-label">
        {step.label}
      </p>
      <progress
        max={known ? step.total : undefined}
        value={known ? step.done : undefined}
        aria-labelledby="kbio-progress-label kbio-progress-text"
        data-testid="kb-import-progress"
      />
      <p id="kbio-progress-text" aria-live="polite">
        {t(PHASE_KEYS[step.phase], { done: fmt(step.done), total: fmt(step.total) })}
      </p>
    </div>
  );
}

function PreviewBody({
  preview,
  label,
  skipInvalid,
  onSkipInvalid,
}: {
  preview: ImportPreview;
  label: string;
  skipInvalid: boolean;
  onSkipInvalid: (v: boolean) => void;
}) {
  const { t } = useI18n();
  const valid = preview.new.length + preview.changed.length + preview.unchanged.length;
  const formatKey: Record<KbFormat, MessageKey> = {
    json: 'kbio.formats.json',
    csv: 'kbio.formats.csv',
    markdown: 'kbio.formats.markdown',
  };
  const counts: Array<[string, MessageKey, number]> = [
    ['new', 'kbio.counts.new', preview.new.length],
    ['changed', 'kbio.counts.changed', preview.changed.length],
    ['unchanged', 'kbio.counts.unchanged', preview.unchanged.length],
    ['invalid', 'kbio.counts.invalid', preview.invalidItems],
  ];
  return (
    <>
      <p className="sm-muted" data-testid="kb-import-source">
        {t('kbio.source', {
          name: label,
          format: t(formatKey[preview.format]),
          encoding: ENCODING_NAMES[preview.encoding] ?? preview.encoding,
        })}
      </p>
      <dl className="kbio-counts" aria-label={t('kbio.countsLabel')}>
        {counts.map(([name, key, n]) => (
          <div key={name} className={`kbio-count kbio-count-${name}${n > 0 ? ' has' : ''}`}>
            <dt>{t(key)}</dt>
            <dd data-testid={`kb-import-count-${name}`}>{n}</dd>
          </div>
        ))}
      </dl>
      {preview.ignored.length ? (
        <p className="sm-muted" data-testid="kb-import-ignored">
          {t('kbio.ignored', {
            files: preview.ignored.slice(0, 10).join(', ') + (preview.ignored.length > 10 ? ' …' : ''),
          })}
        </p>
      ) : null}
      <SkippedEntries skipped={preview.skipped} />
      {preview.invalid.length ? (
        <div className="kbio-errors" data-testid="kb-import-errors">
          <p className="sm-error" role="alert">
            {t('kbio.errorsTitle')}
          </p>
          <div className="kbio-errors-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('kbio.errorsWhere')}</th>
                  <th scope="col">{t('kbio.errorsField')}</th>
                  <th scope="col">{t('kbio.errorsProblem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.invalid.slice(0, MAX_LISTED_PROBLEMS).map((p, i) => (
                  <tr key={i} data-testid="kb-import-error">
                    <td>{whereText(t, p.where)}</td>
                    <td>
                      <code>{fieldText(t, p.field)}</code>
                    </td>
                    <td>{problemText(t, p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.invalid.length > MAX_LISTED_PROBLEMS ? (
            <p className="sm-muted">{t('kbio.moreErrors', { count: preview.invalid.length - MAX_LISTED_PROBLEMS })}</p>
          ) : null}
          {valid > 0 ? (
            <label className="kbio-skip">
              <input
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => onSkipInvalid(e.target.checked)}
                data-testid="kb-import-skip-invalid"
              />
              <span>{t('kbio.skipInvalid', { valid, invalid: preview.invalidItems })}</span>
            </label>
          ) : null}
        </div>
      ) : null}
      {preview.invalidItems === 0 && preview.new.length + preview.changed.length === 0 ? (
        <p className="sm-muted" data-testid="kb-import-nothing">
          {t('kbio.nothingToImport')}
        </p>
      ) : null}
    </>
  );
}

function ConfirmButton({
  preview,
  skipInvalid,
  onConfirm,
}: {
  preview: ImportPreview;
  skipInvalid: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const writes = preview.new.length + preview.changed.length;
  const blocked = (preview.invalidItems > 0 && !skipInvalid) || writes === 0;
  return (
    <button type="button" className="primary" disabled={blocked} onClick={onConfirm} data-testid="kb-import-confirm">
      {t('kbio.confirm', { count: writes })}
    </button>
  );
}
