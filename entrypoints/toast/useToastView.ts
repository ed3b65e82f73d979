import { useEffect, useState } from 'react';
import { parseToastView, type ToastView } from '@/utils/wellbeing/toast';
import { toastItem } from '@/utils/wellbeing/toast-item';

/** The toast the background wants shown (null: none), kept current. */
export function useToastView(): ToastView | null {
  const [view, setView] = useState<ToastView | null>(null);
  useEffect(() => {
    let live = true;
    void toastItem.getValue().then((raw) => live && setView(parseToastView(raw)));
    const unwatch = toastItem.watch((raw) => live && setView(parseToastView(raw)));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return view;
}
