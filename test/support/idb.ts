import type { Page } from 'playwright-core';

/** Every row of one of Seatmate's Dexie tables, read with raw IndexedDB from an extension `page`. */
export function readTable<T>(page: Page, name: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('seatmate');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as T[]);
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
    name,
  );
}
