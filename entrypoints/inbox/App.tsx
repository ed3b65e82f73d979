import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { Toast, useToast } from '@/components/Toast';
import { getDb } from '@/utils/db';
import { minGroupSize } from '@/utils/feedback/aggregates';
import type { InboxItem } from '@/utils/feedback/inbox-records';
import { queryInbox, type InboxFilter } from '@/utils/feedback/inbox-query';
import { createInboxSearch } from '@/utils/feedback/inbox-search';
import {
  clearInbox,
  readInboxShares,
  restoreInbox,
  updateInboxItem,
  type ClearedInbox,
} from '@/utils/feedback/inbox-store';
import { ImportPanel } from './ImportPanel';
import { ItemDetail } from './ItemDetail';
import { ItemList } from './ItemList';
import { Overview } from './Overview';
import { PublishPanel } from './PublishPanel';
import { NO_CHOICE, Toolbar, type ListChoice } from './Toolbar';
import { useDebounced } from './useDebounced';

/** Rows rendered at a time; "Show more" adds as many again. */
const PAGE = 200;
/** The search runs after this pause in typing (it takes ~0.1 s over thousands of items). */
const SEARCH_PAUSE_MS = 250;
/** Where the minimum group size is remembered (this page only). */
const K_KEY = 'seatmate.inbox.minGroup';

type Undo = { kind: 'clear'; cleared: ClearedInbox } | { kind: 'item'; item: InboxItem };

/**
 * The manager's inbox: import agents' export files, read (filter, fuzzy search in both languages,
 * sort), set a status and answer each item, see the figures under the minimum group size, and
 * publish the replies. Nothing here can tell who wrote an item.
 */
export function App() {
  const { t } = useI18n();
  const items = useLiveQuery(() => getDb().inboxItems.toArray(), []);
  const shares = useLiveQuery(() => readInboxShares(getDb()), []);
  const [view, setView] = useState<'items' | 'overview'>('items');
  const [choice, setChoice] = useState<ListChoice>(NO_CHOICE);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [newIds, setNewIds] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState({ key: '', count: PAGE });
  const [k, setK] = useState(() => minGroupSize(Number(localStorage.getItem(K_KEY) ?? undefined)));
  const toast = useToast<Undo>();
  const { say, fail } = toast;
  const query = useDebounced(choice.query, SEARCH_PAUSE_MS);

  // Item texts never change once imported: the index is rebuilt only when the set of items does.
  const idsKey = useMemo(() => (items ?? []).map((i) => i.id).join(','), [items]);
  const search = useMemo(() => createInboxSearch(items ?? []), [idsKey]); // eslint-disable-line react-hooks/exhaustive-deps -- `idsKey` stands for the items' texts
  const filter = useMemo<InboxFilter>(
    () => ({
      ...(choice.category ? { categories: [choice.category] } : {}),
      ...(choice.severity ? { severities: [choice.severity] } : {}),
      ...(choice.status ? { statuses: [choice.status] } : {}),
      ...(choice.fromWeek ? { fromWeek: choice.fromWeek } : {}),
      ...(choice.toWeek ? { toWeek: choice.toWeek } : {}),
      ...(choice.signed ? { signed: choice.signed } : {}),
      query,
    }),
    [choice, query],
  );
  const rows = useMemo(() => {
    const all = queryInbox(items ?? [], filter, choice.sort, search);
    return choice.onlyNew ? all.filter((r) => newIds.has(r.item.id)) : all;
  }, [items, filter, choice.sort, choice.onlyNew, search, newIds]);
  const listKey = JSON.stringify(filter) + choice.sort + String(choice.onlyNew);
  const visible = shown.key === listKey ? shown.count : PAGE;
  const selectedRow = rows.find((r) => r.item.id === selectedId);
  const selected = selectedRow?.item ?? (items ?? []).find((i) => i.id === selectedId) ?? null;

  async function clear() {
    try {
      const cleared = await clearInbox(getDb());
      setSelectedId(null);
      setNewIds(new Set());
      say(t('feedback.inbox.cleared', { n: cleared.items.length }), { kind: 'clear', cleared });
    } catch (e) {
      fail(t('feedback.inbox.saveFailed', { detail: String(e) }));
    }
  }

  async function onUndo(undo: Undo) {
    try {
      if (undo.kind === 'clear') await restoreInbox(getDb(), undo.cleared);
      else await updateInboxItem(getDb(), undo.item.id, () => undo.item);
      say(t('feedback.page.undone'));
    } catch (e) {
      fail(t('feedback.inbox.saveFailed', { detail: String(e) }));
    }
  }

  return (
    <div className="fb-page inbox-page">
      <header className="fb-header">
        <h1>{t('feedback.inbox.heading')}</h1>
        <p className="sm-muted">{t('feedback.inbox.intro')}</p>
      </header>
      <main className="inbox-main">
        <ImportPanel
          onImported={(ids) => {
            setNewIds(new Set(ids));
            setChoice((c) => ({ ...c, onlyNew: false }));
          }}
        />
        <div className="inbox-views fb-row" role="group" aria-label={t('feedback.inbox.viewLabel')}>
          <button
            type="button"
            className={view === 'items' ? 'primary' : ''}
            aria-pressed={view === 'items'}
            onClick={() => setView('items')}
            data-testid="inbox-view-items"
          >
            {t('feedback.inbox.viewItems')}
          </button>
          <button
            type="button"
            className={view === 'overview' ? 'primary' : ''}
            aria-pressed={view === 'overview'}
            onClick={() => setView('overview')}
            data-testid="inbox-view-overview"
          >
            {t('feedback.inbox.viewOverview')}
          </button>
        </div>
        {view === 'items' ? (
          <>
            <Toolbar choice={choice} onChange={setChoice} hasNew={newIds.size > 0} />
            <div className="inbox-split">
              <ItemList
                rows={rows}
                total={items?.length ?? 0}
                visible={visible}
                selectedId={selectedId}
                newIds={newIds}
                searching={choice.query !== query}
                onSelect={setSelectedId}
                onMore={() => setShown({ key: listKey, count: visible + PAGE })}
              />
              {selected ? (
                <ItemDetail
                  key={selected.id}
                  item={selected}
                  ranges={selectedRow?.ranges ?? []}
                  onRemoved={(before) => say(t('feedback.inbox.answerRemoved'), { kind: 'item', item: before })}
                  onError={fail}
                />
              ) : (
                <p className="fb-card sm-muted" data-testid="inbox-nothing-selected">
                  {t('feedback.inbox.selectHint')}
                </p>
              )}
            </div>
          </>
        ) : (
          <Overview
            items={items ?? []}
            shares={shares ?? []}
            k={k}
            onK={(n) => {
              const size = minGroupSize(n);
              setK(size);
              localStorage.setItem(K_KEY, String(size));
            }}
          />
        )}
        <PublishPanel
          items={items ?? []}
          shares={shares ?? []}
          onPublished={(text) => say(text)}
          onClear={() => void clear()}
          onError={fail}
        />
      </main>
      <Toast
        toast={toast}
        onUndo={(undo) => void onUndo(undo)}
        testId="inbox"
        undoLabel={t('feedback.page.undo')}
        dismissLabel={t('feedback.page.dismiss')}
      />
    </div>
  );
}
