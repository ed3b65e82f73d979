import { useEffect, useState } from 'react';
import { loadEffectiveSettings, watchEffectiveSettings, type EffectiveSettings } from '@/utils/settings-store';

/** The settings in force (agent's own + policy), kept current; null until first read. */
export function useEffectiveSettings(): EffectiveSettings | null {
  const [value, setValue] = useState<EffectiveSettings | null>(null);
  useEffect(() => {
    let live = true;
    void loadEffectiveSettings().then((v) => live && setValue(v));
    const unwatch = watchEffectiveSettings((v) => live && setValue(v));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return value;
}
