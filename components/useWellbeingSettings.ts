import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { watchSettingsAndPolicy } from '@/utils/console/settings-item';
import { getDb } from '@/utils/db';
import { loadPolicy, loadSettings } from '@/utils/settings-store';
import { effectiveWellbeing, type EffectiveWellbeing, type WellbeingOverrides } from '@/utils/wellbeing/settings';
import { packLayers } from '@/utils/wellbeing/settings-load';

/**
 * The wellbeing settings in force (the agent's own, team packs', policy's), where each value comes
 * from and what policy locks; kept current. Null until first read.
 */
export function useWellbeingSettings(): EffectiveWellbeing | null {
  const packs = useLiveQuery(() => getDb().packs.toArray(), []);
  const [layers, setLayers] = useState<{ agent: WellbeingOverrides; policy: WellbeingOverrides } | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void Promise.all([loadSettings(), loadPolicy()]).then(
        ([s, p]) => live && setLayers({ agent: s.wellbeing, policy: p.policy.wellbeing ?? {} }),
      );
    read();
    const unwatch = watchSettingsAndPolicy(read);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return useMemo(
    () => (layers && packs ? effectiveWellbeing(layers.agent, packLayers(packs), layers.policy) : null),
    [layers, packs],
  );
}
