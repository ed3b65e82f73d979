import { useI18n } from '@/components/I18nProvider';
import type { MessageKey, Translate } from '@/utils/i18n';
import { EncodingError, type EncodingRefusal } from '@/utils/kb/io/encoding';
import type { InvalidEntry } from '@/utils/kb/io/preview';
import { ImportFileError, type ImportFileErrorCode } from '@/utils/kb/io/types';
import type { SkippedEntry, ZipDamage } from '@/utils/kb/io/zip';
import { issueText } from './form';

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

/** Why a whole import failed (a file that cannot be read, decoded or parsed), in the agent's language. */
export function importErrorText(t: Translate, err: unknown): string {
  if (err instanceof EncodingError) return encodingText(t, err.reason, err.detail, err.line);
  if (err instanceof ImportFileError) {
    const text = t(ERROR_KEYS[err.code], { detail: err.detail });
    return err.code === 'columns' || err.code === 'schema-version' || !err.detail ? text : `${text} (${err.detail})`;
  }
  return t('kbio.errors.unknown', { message: err instanceof Error ? err.message : String(err) });
}

/** `line 7` → 第 7 行; file names and JSON paths are shown as they are. */
export function whereText(t: Translate, where: string): string {
  return where.replace(/\bline (\d+)/g, (_m, n: string) => t('kbio.line', { n }));
}

/** The field of an invalid row, or "whole row" / "whole file". */
export function fieldText(t: Translate, field: string): string {
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
export function problemText(t: Translate, p: InvalidEntry): string {
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
