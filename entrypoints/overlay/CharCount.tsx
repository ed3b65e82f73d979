import { useI18n } from '@/components/I18nProvider';

/** The agent's field's `maxlength` and how many characters are already in it (none selected). */
export interface FieldLimit {
  maxLength: number;
  used: number;
}

/**
 * How long the insert is, before it is made: against the field's `maxlength` when it has one
 * ("95 of 405 left"), marked when it would not fit (the console would cut it or refuse to send).
 */
export function CharCount({ length, limit }: { length: number; limit: FieldLimit | null }) {
  const { t } = useI18n();
  const room = limit ? Math.max(0, limit.maxLength - limit.used) : null;
  const over = room !== null && length > room;
  return (
    <p
      className={over ? 'char-count over' : 'char-count'}
      data-testid="palette-char-count"
      data-length={length}
      data-room={room ?? undefined}
      role={over ? 'alert' : undefined}
    >
      {room === null
        ? t('overlay.reply.count', { n: String(length) })
        : over
          ? t('overlay.reply.countOver', { n: String(length), room: String(room), max: String(limit!.maxLength) })
          : t('overlay.reply.countRoom', { n: String(length), room: String(room), max: String(limit!.maxLength) })}
    </p>
  );
}
