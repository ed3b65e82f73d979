import { useEffect, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { sendToBackground } from '@/utils/messaging';
import { Palette } from './Palette';

type Gate = 'checking' | 'ok' | 'refused';

/**
 * The overlay frame. Shows nothing until the background confirms this frame was opened by
 * Seatmate's content script in this tab (the nonce in the URL fragment).
 */
export function App() {
  const { t } = useI18n();
  const nonce = location.hash.slice(1);
  const [gate, setGate] = useState<Gate>('checking');
  useEffect(() => {
    sendToBackground({ type: 'overlay/hello', nonce })
      .then((r) => setGate(r.ok ? 'ok' : 'refused'))
      .catch(() => setGate('refused'));
  }, [nonce]);
  if (gate === 'checking') return <div className="overlay-shell" aria-busy="true" />;
  if (gate === 'refused') {
    return (
      <div className="overlay-shell overlay-refused" role="alert" data-testid="overlay-refused">
        {t('overlay.refused')}
      </div>
    );
  }
  return <Palette nonce={nonce} />;
}
