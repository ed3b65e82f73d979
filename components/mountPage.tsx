import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MessageKey } from '@/utils/i18n';
import { I18nProvider } from './I18nProvider';
import './theme.css';

/** Mounts an extension page's React tree into `#root`, with language and settings provided. */
export function mountPage(app: ReactNode, titleKey?: MessageKey): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('Page is missing its #root element');
  createRoot(el).render(
    <StrictMode>
      <I18nProvider titleKey={titleKey}>{app}</I18nProvider>
    </StrictMode>,
  );
}
