import { useEffect, useLayoutEffect, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { sendToBackground } from '@/utils/messaging';
import { takeBootSearch } from './boot';
import { Palette } from './Palette';
import { useFocusTrap } from './useFocusTrap';

type Gate = 'checking' | 'ok' | 'refused';

/**
 * The overlay frame. Shows nothing until the background confirms this frame was opened by
 * Seatmate's content script in this tab (the nonce in the URL fragment).
 */
export function App() {
  const { t } = useI18n();
  const nonce = location.hash.slice(1);
  const [gate, setGate] = useState<Gate>('checking');
  const trap = useFocusTrap();
  useEffect(() => {
    sendToBackground({ type: 'overlay/hello', nonce })
      .then((r) => setGate(r.ok ? 'ok' : 'refused'))
      .catch(() => setGate('refused'));
  }, [nonce]);
  // Refused: the boot search box (overlay.html) goes too; nothing typed into it is used.
  useLayoutEffect(() => {
    if (gate === 'refused') takeBootSearch();
  }, [gate]);
  // While checking, the boot search box shows (and takes what the agent types).
  if (gate === 'checking') return null;
  if (gate === 'refused') {
    return (
      <div className="overlay-shell overlay-refused" role="alert" data-testid="overlay-refused">
        {t('overlay.refused')}
      </div>
    );
  }
  // Tab and Shift+Tab go round inside the palette, never to the page behind it.
  return (
    <>
      <span {...trap.start} />
      <Palette nonce={nonce} />
      <span {...trap.end} />
    </>
  );
}
