import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import type { Article } from '@/utils/kb/article';
import {
  copyToPersonal,
  deleteArticles,
  KbStoreError,
  restoreArticles,
  setPinned,
  type DeletedArticles,
} from '@/utils/kb/store';
import { ArticleEditor } from './ArticleEditor';
import { ArticleList } from './ArticleList';
import { ArticleView } from './ArticleView';
import { localDay } from '@/utils/time/day';
import { filterChoices, NO_FILTERS, passesFilters, type KbFilters } from './filters';
import { emptyForm, formFromArticle, loadStoredDraft, storeDraft, type EditorForm, type StoredDraft } from './form';
import { Toast, useToast } from '@/components/Toast';
import { Toolbar } from './Toolbar';
import { useKbIndex } from '@/components/useKbIndex';

/** Rows rendered at a time; "Show more" adds as many again. */
const PAGE_SIZE = 200;
/** Search hits asked for before the dropdown filters apply. */
const SEARCH_LIMIT = 500;

/**
 * The knowledge-base page: search and filter every article, read one, write and edit the agent's
 * own (with a live preview), delete with undo, copy team and sample articles to personal, pin.
 */
export function App() {
  const { t, locale } = useI18n();
  const articles = useLiveQuery(() => getDb().articles.toArray(), []);
  const usage = useLiveQuery(() => getDb().articleUsage.toArray(), []);
  const packs = useLiveQuery(() => getDb().packs.toArray(), []);
  const { index, version, progress } = useKbIndex(articles);

  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [filters, setFilters] = useState<KbFilters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editor, setEditor] = useState<StoredDraft | null>(() => loadStoredDraft(sessionStorage));
  const [restoredDraft, setRestoredDraft] = useState(() => editor !== null);
  const [pendingLeave, setPendingLeave] = useState<(() => void) | null>(null);
  const toast = useToast<DeletedArticles>();
  const { say, fail } = toast;
  const [shown, setShown] = useState({ key: '', count: PAGE_SIZE });
  const today = localDay(new Date());

  const byId = useMemo(() => new Map((articles ?? []).map((a) => [a.id, a])), [articles]);
  const newestFirst = useMemo(() => [...(articles ?? [])].sort((a, b) => b.updatedAt - a.updatedAt), [articles]);
  const pinned = useMemo(() => new Set((usage ?? []).filter((u) => u.pinned).map((u) => u.articleId)), [usage]);
  const choices = useMemo(() => filterChoices(articles ?? [], locale), [articles, locale]);
  const packNames = useMemo(() => {
    const names = new Map<string, string>(choices.packIds.map((id) => [id, id]));
    for (const p of packs ?? []) names.set(p.id, p.name);
    return names;
  }, [packs, choices.packIds]);

  const q = deferredQuery.trim();
  const results = useMemo(() => {
    const keep = (a: Article) => passesFilters(a, filters, today);
    const none = new Map<string, Array<[number, number]>>();
    if (!q) return { rows: newestFirst.filter(keep), ranges: none, ready: true, capped: false };
    if (!index) return { rows: [], ranges: none, ready: false, capped: false };
    const rows: Article[] = [];
    const ranges = new Map<string, Array<[number, number]>>();
    const hits = index.search(q, { limit: SEARCH_LIMIT });
    for (const hit of hits) {
      const a = byId.get(hit.id);
      if (a && keep(a)) {
        rows.push(a);
        ranges.set(a.id, hit.titleRanges);
      }
    }
    return { rows, ranges, ready: true, capped: hits.length >= SEARCH_LIMIT };
    // `version` changes when the index (a mutable object) has been brought up to date.
  }, [q, filters, today, newestFirst, index, version, byId]); // eslint-disable-line react-hooks/exhaustive-deps -- see above

  const listKey = `${q}\n${JSON.stringify(filters)}`;
  const visibleCount = shown.key === listKey ? shown.count : PAGE_SIZE;
  const selected = selectedId ? byId.get(selectedId) : undefined;
  const dirty = editor !== null && JSON.stringify(editor.form) !== editor.baseline;

  const openEditor = useCallback((form: EditorForm | null) => {
    const next = form ? { form, baseline: JSON.stringify(form) } : null;
    setEditor(next);
    storeDraft(sessionStorage, next);
    setRestoredDraft(false);
    setPendingLeave(null);
  }, []);

  /** Runs `action` now, or after the agent agrees to drop unsaved changes. */
  const leaveEditor = useCallback(
    (action: () => void) => {
      if (dirty) setPendingLeave(() => action);
      else {
        openEditor(null);
        action();
      }
    },
    [dirty, openEditor],
  );

  const onFormChange = useCallback((form: EditorForm) => {
    setEditor((prev) => {
      if (!prev) return prev;
      const next = { ...prev, form };
      storeDraft(sessionStorage, next);
      return next;
    });
  }, []);

  const storeErrorText = useCallback(
    (e: unknown) =>
      e instanceof KbStoreError ? t(`kb.storeErrors.${e.code}`) : t('kb.storeErrors.other', { detail: String(e) }),
    [t],
  );

  async function onDelete(a: Article) {
    try {
      const deleted: DeletedArticles = await deleteArticles(getDb(), [a.id]);
      setSelectedId(null);
      say(t('kb.deleted', { title: a.title }), deleted);
    } catch (e) {
      fail(storeErrorText(e));
    }
  }

  async function onUndo(deleted: DeletedArticles) {
    try {
      const { restored } = await restoreArticles(getDb(), deleted);
      say(t('kb.restored', { count: restored }));
      if (deleted.articles[0]) setSelectedId(deleted.articles[0].id);
    } catch (e) {
      fail(storeErrorText(e));
    }
  }

  async function onCopy(a: Article) {
    try {
      const copy = await copyToPersonal(getDb(), a.id, Date.now());
      setSelectedId(copy.id);
      say(t('kb.copied', { title: copy.title }));
    } catch (e) {
      fail(storeErrorText(e));
    }
  }

  const onPin = useCallback(
    async (a: Article, pin: boolean) => {
      try {
        await setPinned(getDb(), a.id, pin);
      } catch (e) {
        fail(storeErrorText(e));
      }
    },
    [storeErrorText, fail],
  );
  const onRowPin = useCallback((a: Article, pin: boolean) => void onPin(a, pin), [onPin]);
  const onSelect = useCallback((id: string) => leaveEditor(() => setSelectedId(id)), [leaveEditor]);

  return (
    <main className="kb-page">
      <header className="kb-header">
        <h1>{t('kb.heading')}</h1>
        <p className="sm-muted">{t('kb.intro')}</p>
      </header>
      <Toolbar
        query={query}
        onQuery={setQuery}
        filters={filters}
        onFilters={setFilters}
        choices={choices}
        packNames={packNames}
        onNew={() =>
          leaveEditor(() => {
            setSelectedId(null);
            openEditor(emptyForm(locale, filters.kind || 'reply'));
          })
        }
      />
      <div className="kb-main">
        <ArticleList
          loading={articles === undefined}
          searching={!results.ready}
          indexProgress={progress}
          capped={results.capped}
          query={q}
          total={articles?.length ?? 0}
          rows={results.rows}
          visibleCount={visibleCount}
          ranges={results.ranges}
          selectedId={editor ? (editor.form.id ?? null) : selectedId}
          pinned={pinned}
          packNames={packNames}
          today={today}
          onSelect={onSelect}
          onPin={onRowPin}
          onShowMore={() => setShown({ key: listKey, count: visibleCount + PAGE_SIZE })}
        />
        <div className="kb-detail">
          {editor ? (
            <ArticleEditor
              key={editor.form.id ?? 'new'}
              form={editor.form}
              dirty={dirty}
              restored={restoredDraft}
              categories={choices.categories}
              confirmingLeave={pendingLeave !== null}
              onChange={onFormChange}
              onSaved={(a) => {
                openEditor(null);
                setSelectedId(a.id);
                say(t('kb.saved', { title: a.title }));
              }}
              onCancel={() => leaveEditor(() => undefined)}
              onDiscard={() => {
                const action = pendingLeave;
                openEditor(null);
                action?.();
              }}
              onKeepEditing={() => setPendingLeave(null)}
            />
          ) : selected ? (
            <ArticleView
              article={selected}
              pinned={pinned.has(selected.id)}
              packName={selected.packId ? (packNames.get(selected.packId) ?? selected.packId) : undefined}
              today={today}
              onEdit={() => openEditor(formFromArticle(selected))}
              onDelete={() => void onDelete(selected)}
              onCopy={() => void onCopy(selected)}
              onPin={(pin) => void onPin(selected, pin)}
            />
          ) : (
            <p className="kb-placeholder sm-muted" data-testid="kb-nothing-selected">
              {t('kb.selectHint')}
            </p>
          )}
        </div>
      </div>
      <Toast
        toast={toast}
        onUndo={(undo) => void onUndo(undo)}
        testId="kb"
        undoLabel={t('kb.undo')}
        dismissLabel={t('kb.dismiss')}
      />
    </main>
  );
}
