import { useEffect, useRef, useState, type JSX } from 'react';
import { useModalDialog } from '@/components/useModalDialog';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { applyImport } from '@/utils/kb/io/apply';
import { parseImport, type ImportSource } from '@/utils/kb/io/parse';
import { previewImport, type ImportPreview } from '@/utils/kb/io/preview';
import { ExportMenu } from './ExportMenu';
import { ConfirmButton, PreviewBody, Progress, type Phase } from './ImportPreview';
import { importErrorText } from './ImportProblems';
import './import-export.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'working'; phase: Phase; done: number; total: number; label: string }
  | { kind: 'preview'; preview: ImportPreview; label: string }
  | { kind: 'done'; text: string; error: boolean; label: string };

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
  const fileRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  /** Bumped on cancel so a parse still running is ignored when it ends. */
  const runRef = useRef(0);

  const open = step.kind !== 'idle';
  const dialogRef = useModalDialog(open);

  useEffect(() => {
    // Folder picking is not a standard attribute React knows; set it on the element.
    folderRef.current?.setAttribute('webkitdirectory', '');
  }, []);

  const fmt = (n: number) => n.toLocaleString(locale);

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
      if (runRef.current === run) setStep({ kind: 'done', text: importErrorText(t, err), error: true, label });
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
      <ExportMenu />

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
