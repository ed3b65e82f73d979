import { useId, useState } from 'react';
import { download } from '@/components/download';
import { FileDrop, type PickedFile } from '@/components/FileDrop';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import {
  BACKUP_CODE_MESSAGES,
  BackupCodeError,
  buildBackupCode,
  buildBackupFile,
  parseBackupCode,
  parseBackupFile,
  restoreFromCode,
  restoreFromFile,
  type RestorePlan,
} from '@/utils/feedback/backup';
import { FeedbackFileError, FILE_ERROR_MESSAGES } from '@/utils/feedback/file-errors';
import { applyRestore } from '@/utils/feedback/outbox-store';
import { webCryptoRandom } from '@/utils/feedback/random';
import type { OutboxItem } from '@/utils/feedback/records';
import { applyAllReplies } from '@/utils/feedback/replies-sources';

/** The backup file's name (no date: one file, kept up to date by the agent). */
const BACKUP_FILE = 'seatmate-feedback-backup.json';

type Outcome = { ok: boolean; text: string; where: 'code' | 'file' };

/**
 * Keeping the item secrets safe across a reinstall (uninstalling wipes extension storage, and with
 * it the only way to recognise one's own replies): a backup code to copy somewhere private, a
 * backup file with the texts too, and restoring from either.
 */
export function BackupPanel({ items }: { items: readonly OutboxItem[] }) {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState<string | null | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const [typed, setTyped] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function showCode() {
    setCopied(false);
    setCode(await buildBackupCode(items));
  }

  async function copy() {
    if (!code) return;
    await navigator.clipboard.writeText(code);
    setCopied(true);
  }

  async function apply(plan: RestorePlan, where: Outcome['where']) {
    await applyRestore(getDb(), plan);
    await applyAllReplies(getDb());
    setOutcome({
      ok: true,
      where,
      text: t('feedback.backup.restored', { added: plan.add.length, already: plan.alreadyHere }),
    });
  }

  async function restoreCode() {
    try {
      const entries = await parseBackupCode(typed);
      const existing = await getDb().feedback.toArray();
      await apply(restoreFromCode(existing, entries, { now: Date.now(), random: webCryptoRandom }), 'code');
      setTyped('');
    } catch (e) {
      setOutcome({
        ok: false,
        where: 'code',
        text:
          e instanceof BackupCodeError
            ? t(BACKUP_CODE_MESSAGES[e.code], { position: e.position ?? '', char: e.char ?? '' })
            : t('feedback.page.backupFailed', { detail: String(e) }),
      });
    }
  }

  async function restoreFile(files: PickedFile[]) {
    const file = files[0];
    if (!file) return;
    try {
      const doc = await parseBackupFile(file.name, file.text);
      const existing = await getDb().feedback.toArray();
      await apply(restoreFromFile(existing, doc, Date.now()), 'file');
    } catch (e) {
      setOutcome({
        ok: false,
        where: 'file',
        text:
          e instanceof FeedbackFileError
            ? t(FILE_ERROR_MESSAGES[e.code], { file: e.file, detail: e.detail })
            : t('feedback.page.backupFailed', { detail: String(e) }),
      });
    }
  }

  const message = (where: Outcome['where']) =>
    outcome?.where === where ? (
      <p
        className={outcome.ok ? 'fb-result' : 'fb-result sm-error'}
        role={outcome.ok ? 'status' : 'alert'}
        data-testid={outcome.ok ? 'feedback-backup-result' : 'feedback-backup-error'}
      >
        {outcome.text}
      </p>
    ) : null;

  return (
    <section className="fb-card" id="backup" aria-labelledby={`${id}-title`} data-testid="feedback-backup">
      <h2 id={`${id}-title`}>{t('feedback.page.backupTitle')}</h2>
      <p className="sm-muted fb-hint">{t('feedback.page.backupHint')}</p>
      <div className="fb-row">
        <button type="button" onClick={() => void showCode()} data-testid="feedback-backup-code-show">
          {t('feedback.page.backupShowCode')}
        </button>
        <button
          type="button"
          onClick={() => void buildBackupFile(items).then((json) => download(BACKUP_FILE, 'application/json', json))}
          data-testid="feedback-backup-file-download"
        >
          {t('feedback.page.backupDownload')}
        </button>
      </div>
      {code === null ? (
        <p className="sm-muted" role="status" data-testid="feedback-backup-code-none">
          {t('feedback.page.backupNothing')}
        </p>
      ) : code ? (
        <div className="fb-field">
          <label htmlFor={`${id}-code`}>{t('feedback.page.backupCode')}</label>
          <textarea
            id={`${id}-code`}
            readOnly
            value={code}
            rows={3}
            className="fb-code"
            data-testid="feedback-backup-code"
          />
          <div className="fb-row">
            <button type="button" onClick={() => void copy()} data-testid="feedback-backup-code-copy">
              {t('feedback.page.backupCopy')}
            </button>
            {copied ? (
              <span role="status" className="sm-muted">
                {t('feedback.page.backupCopied')}
              </span>
            ) : null}
          </div>
          <p className="sm-muted fb-hint">{t('feedback.page.backupCodeHint')}</p>
        </div>
      ) : null}
      <h3>{t('feedback.page.restoreTitle')}</h3>
      <div className="fb-field">
        <label htmlFor={`${id}-restore`}>{t('feedback.page.restoreCode')}</label>
        <textarea
          id={`${id}-restore`}
          value={typed}
          rows={2}
          className="fb-code"
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="feedback-restore-code"
        />
        <div className="fb-row">
          <button type="button" onClick={() => void restoreCode()} data-testid="feedback-restore-code-button">
            {t('feedback.page.restoreCodeButton')}
          </button>
        </div>
        {message('code')}
      </div>
      <FileDrop
        label={t('feedback.page.restoreFile')}
        hint={t('feedback.page.restoreFileHint')}
        accept=".json,application/json"
        multiple={false}
        onFiles={(f) => void restoreFile(f)}
        testId="feedback-restore-file"
      />
      {message('file')}
    </section>
  );
}
