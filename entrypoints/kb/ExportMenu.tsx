import { useEffect, useRef, useState, type JSX } from 'react';
import { download } from '@/components/download';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { exportKb } from '@/utils/kb/io/export';
import type { KbFormat } from '@/utils/kb/io/types';

/**
 * The KB toolbar's Export menu (JSON, CSV or a zip of Markdown) and the line saying what was
 * exported (cleared after 8 s) or why the export failed.
 */
export function ExportMenu(): JSX.Element {
  const { t, locale } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const [exportStatus, setExportStatus] = useState<{ text: string; error: boolean } | null>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

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
    <>
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
    </>
  );
}
