import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { DEFAULT_HOTKEY, formatHotkey, hotkeyFromEvent, type HotkeyError } from '@/utils/console/hotkey';
import { saveSettings } from '@/utils/settings-store';
import { LockedNote } from './LockedNote';

/** The palette hotkey: shows it, records a new one from a key press, resets to the default. */
export function HotkeySection() {
  const { t, settings } = useI18n();
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<HotkeyError | null>(null);
  if (!settings) return null;
  const locked = settings.locks.hotkey;

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (!recording) return;
    if (['Alt', 'Control', 'Shift', 'Meta'].includes(e.key)) return; // wait for the main key
    e.preventDefault();
    if (e.key === 'Escape') {
      setRecording(false);
      setError(null);
      return;
    }
    const result = hotkeyFromEvent(e.nativeEvent);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setRecording(false);
    void saveSettings({ hotkey: result.hotkey });
  }

  return (
    <section className="card" aria-labelledby="hotkey-heading">
      <h2 id="hotkey-heading">{t('options.hotkey.heading')}</h2>
      <p className="sm-muted">{t('options.hotkey.help')}</p>
      <div className="row">
        <kbd className="big" data-testid="options-hotkey-current">
          {formatHotkey(settings.settings.hotkey)}
        </kbd>
        <button
          type="button"
          disabled={locked}
          aria-pressed={recording}
          onClick={() => {
            setRecording(!recording);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
          data-testid="options-hotkey-record"
        >
          {recording ? t('options.hotkey.recording') : t('options.hotkey.change')}
        </button>
        <button
          type="button"
          disabled={locked}
          onClick={() => void saveSettings({ hotkey: DEFAULT_HOTKEY })}
          data-testid="options-hotkey-reset"
        >
          {t('options.hotkey.reset', { hotkey: formatHotkey(DEFAULT_HOTKEY) })}
        </button>
      </div>
      {error ? (
        <p className="sm-error" role="alert" data-testid="options-hotkey-error">
          {t(`options.hotkey.errors.${error}`)}
        </p>
      ) : null}
      {locked ? <LockedNote /> : null}
    </section>
  );
}
