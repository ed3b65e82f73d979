import { useEffect, useState } from 'react';
import { loadSettings, settingsItem } from '@/utils/settings-store';

/**
 * The agent's configured name (the name the anonymity warnings look for), kept current. Read from
 * the agent's own settings, not the effective ones: no policy sets it, and reading the policy can
 * hang where the browser has no managed storage (headless Chromium), which would leave the
 * warnings without the name.
 */
export function useAgentName(): string {
  const [name, setName] = useState('');
  useEffect(() => {
    let live = true;
    const read = () => void loadSettings().then((s) => live && setName(s.agentName));
    read();
    const unwatch = settingsItem.watch(read);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return name;
}
