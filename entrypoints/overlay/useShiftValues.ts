import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { shiftMemorable } from '@/utils/kb/placeholders';

const STORAGE_KEY = 'placeholderValues';
const valuesSchema = z.record(z.string().max(64), z.string().max(500));

/**
 * Placeholder values the agent entered this shift, by key, in `storage.session` (kept until the
 * browser closes, never written to disk). `remember` merges new values in. Per-customer values
 * (`isPerCustomerKey`) are never kept, also when reading what an older version may have stored.
 */
export function useShiftValues(): {
  values: Readonly<Record<string, string>>;
  remember: (values: Record<string, string>) => Promise<void>;
} {
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void browser.storage.session
      .get(STORAGE_KEY)
      .then((got) => {
        const parsed = valuesSchema.safeParse(got[STORAGE_KEY]);
        if (live && parsed.success) setValues(shiftMemorable(parsed.data));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const remember = useCallback(async (next: Record<string, string>) => {
    const got = await browser.storage.session.get(STORAGE_KEY).catch(() => ({}) as Record<string, unknown>);
    const known = valuesSchema.safeParse(got[STORAGE_KEY]);
    const merged = shiftMemorable({ ...(known.success ? known.data : {}), ...next });
    setValues(merged);
    await browser.storage.session.set({ [STORAGE_KEY]: merged }).catch(() => undefined);
  }, []);
  return { values, remember };
}
