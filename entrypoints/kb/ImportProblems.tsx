import { useI18n } from '@/components/I18nProvider';
import type { MessageKey, Translate } from '@/utils/i18n';
import type { EncodingRefusal } from '@/utils/kb/io/encoding';
import type { InvalidEntry } from '@/utils/kb/io/preview';
import type { SkippedEntry, ZipDamage } from '@/utils/kb/io/zip';

const ENCODING_KEYS: Record<EncodingRefusal, MessageKey> = {
  binary: 'untrusted.encoding.binary',
  'bom-mismatch': 'untrusted.encoding.bomMismatch',
  'damaged-utf8': 'untrusted.encoding.damagedUtf8',
  japanese: 'untrusted.encoding.japanese',
  korean: 'untrusted.encoding.korean',
  unknown: 'untrusted.encoding.unknown',
};

const DAMAGE_KEYS: Record<ZipDamage, MessageKey> = {
  crc: 'untrusted.kbio.damage.crc',
  size: 'untrusted.kbio.damage.size',
  inflate: 'untrusted.kbio.damage.inflate',
  encrypted: 'untrusted.kbio.damage.encrypted',
  method: 'untrusted.kbio.damage.method',
};

/** Why a file's text was refused, naming the file and asking for UTF-8. */
export function encodingText(t: Translate, reason: EncodingRefusal, file: string, line?: number | null): string {
  return t(ENCODING_KEYS[reason] ?? ENCODING_KEYS.unknown, { file: file || '—', line: line ?? '?' });
}

/**
 * A Markdown file's own error in the agent's language, when it is one of these: a damaged zip
 * entry, a refused encoding, or a file the reader gave up on. Null for the others.
 */
export function fileProblemText(t: Translate, p: InvalidEntry): string | null {
  const damage = p.params?.damage as ZipDamage | undefined;
  if (damage && DAMAGE_KEYS[damage]) return t(DAMAGE_KEYS[damage]);
  const reason = p.params?.reason as EncodingRefusal | undefined;
  if (p.params?.fileCode === 'encoding' && reason)
    return encodingText(t, reason, p.where, Number(p.params.line) || null);
  if (p.params?.fileCode === 'unreadable') return t('untrusted.kbio.unreadable', { detail: p.message });
  return null;
}

const SKIP_KEYS: Record<SkippedEntry['reason'], MessageKey> = {
  duplicate: 'untrusted.kbio.skippedDuplicate',
  'unsafe-path': 'untrusted.kbio.skippedUnsafe',
};

/** Zip entries left out of the import on purpose, each with why. */
export function SkippedEntries({ skipped }: { skipped: readonly SkippedEntry[] }) {
  const { t } = useI18n();
  if (skipped.length === 0) return null;
  return (
    <div className="sm-muted" data-testid="kb-import-skipped">
      <p>{t('untrusted.kbio.skippedTitle', { count: skipped.length })}</p>
      <ul>
        {skipped.slice(0, 20).map((s, i) => (
          <li key={i} data-testid="kb-import-skipped-entry" data-reason={s.reason}>
            <code>{s.path}</code> — {t(SKIP_KEYS[s.reason])}
          </li>
        ))}
      </ul>
    </div>
  );
}
