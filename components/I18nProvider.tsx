import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { resolveLocale, translator, type Locale, type MessageKey, type Translate } from '@/utils/i18n';
import type { EffectiveSettings } from '@/utils/settings-store';
import { useEffectiveSettings } from './useEffectiveSettings';

interface I18nValue {
  locale: Locale;
  t: Translate;
  /** The settings in force, or null while loading. */
  settings: EffectiveSettings | null;
}

const I18nContext = createContext<I18nValue | null>(null);

/**
 * Gives every extension page its language (Options choice, else the browser's) and the settings
 * in force. Sets `<html lang>` and, when given, the document title.
 */
export function I18nProvider({ children, titleKey }: { children: ReactNode; titleKey?: MessageKey }) {
  const settings = useEffectiveSettings();
  const locale = resolveLocale(settings?.settings.language ?? 'auto', browser.i18n.getUILanguage());
  const value = useMemo(() => ({ locale, t: translator(locale), settings }), [locale, settings]);
  useEffect(() => {
    document.documentElement.lang = locale;
    if (titleKey) document.title = value.t(titleKey);
  }, [locale, titleKey, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The page's translator, locale and settings. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
