import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { Toast, useToast } from '@/components/Toast';
import { getDb } from '@/utils/db';
import { backToDraft, withdrawItem } from '@/utils/feedback/outbox';
import { changeOutboxItem, deleteOutboxItem, saveOutboxItem } from '@/utils/feedback/outbox-store';
import type { OutboxItem } from '@/utils/feedback/records';
import { applyAllReplies, latestLoop, packReplySources, type PublishedLoop } from '@/utils/feedback/replies-sources';
import { installedPackSchema } from '@/utils/kb/pack-record';
import { localDay } from '@/utils/time/day';
import { BackupPanel } from './BackupPanel';
import { outboxFailureText } from './context';
import { Composer } from './Composer';
import { ExportPanel } from './ExportPanel';
import { loadFileLoop, watchFileLoop } from './loop-item';
import { Outbox } from './Outbox';
import { RepliesPanel } from './RepliesPanel';
import { useAgentName } from './useAgentName';

/** What Undo puts back: the item as it was before (saved again), or nothing to undo. */
type Undo = { item: OutboxItem; edit: boolean };

/** The draft the agent last worked on, if any. */
function latestDraft(items: readonly OutboxItem[]): OutboxItem | null {
  return items.filter((i) => i.status === 'draft').sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? null;
}

/** The figures of the last imported replies file, kept current. */
function useFileLoop(): PublishedLoop | null {
  const [value, setValue] = useState<PublishedLoop | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => void loadFileLoop().then((v) => live && setValue(v));
    read();
    const unwatch = watchFileLoop(read);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return value;
}

/**
 * The agent's feedback page: write (anonymous by default, drafts saved as typed, warned about
 * self-identifying content), the local outbox (edit, withdraw with Undo), export for the manager,
 * replies to the agent's own items, and a backup to restore from after a reinstall.
 */
export function App() {
  const { t } = useI18n();
  const items = useLiveQuery(() => getDb().feedback.toArray(), []);
  const replies = useLiveQuery(() => getDb().replies.toArray(), []);
  const articles = useLiveQuery(() => getDb().articles.toArray(), []);
  const packs = useLiveQuery(() => getDb().packs.toArray(), []);
  const fileLoop = useFileLoop();
  const agentName = useAgentName();
  // The draft in the form: until the agent picks one, the latest draft (so a closed browser picks
  // up where it was); then theirs. `item: null` is a new, not yet saved item.
  const [picked, setPicked] = useState<{ item: OutboxItem | null; key: number } | undefined>(undefined);
  const editing = picked ?? (items ? { item: latestDraft(items), key: 0 } : undefined);
  const toast = useToast<Undo>();
  const { say, fail } = toast;

  // Replies in the team packs reach the agent's items whenever a pack changes (and on opening).
  const packKey = (packs ?? []).map((p) => `${p.id}@${p.version}@${p.lastGoodSyncAt}`).join('|');
  useEffect(() => {
    if (packs === undefined) return;
    void applyAllReplies(getDb()).catch(() => undefined);
    // `packKey` stands for `packs`.
  }, [packKey]); // eslint-disable-line react-hooks/exhaustive-deps -- see above

  const parsedPacks = useMemo(() => (packs ?? []).flatMap((p) => installedPackSchema.safeParse(p).data ?? []), [packs]);
  const loop = useMemo(() => {
    const synced = Math.max(0, ...parsedPacks.map((p) => p.lastGoodSyncAt ?? 0));
    return latestLoop(fileLoop, packReplySources(parsedPacks), synced > 0 ? localDay(new Date(synced)) : null);
  }, [fileLoop, parsedPacks]);
  const readBy = parsedPacks.find((p) => p.feedback?.readBy)?.feedback?.readBy ?? null;

  const startNew = useCallback(() => setPicked((e) => ({ item: null, key: (e?.key ?? 0) + 1 })), []);
  const edit = useCallback((item: OutboxItem) => setPicked((e) => ({ item, key: (e?.key ?? 0) + 1 })), []);
  const editingId = editing?.item?.id ?? null;

  /**
   * Applies an outbox button's change to the item as stored now (not as the list showed it: the
   * form may still be saving it), and offers Undo back to that stored version.
   */
  async function change(
    id: string,
    make: (stored: OutboxItem) => OutboxItem,
    text: string,
    undo?: { edit: boolean },
  ): Promise<OutboxItem | null> {
    try {
      const { before, after } = await changeOutboxItem(getDb(), id, make);
      say(text, undo ? { item: before, edit: undo.edit } : undefined);
      return after;
    } catch (e) {
      fail(outboxFailureText(t, e));
      return null;
    }
  }

  async function onUndo(undo: Undo) {
    try {
      await saveOutboxItem(getDb(), undo.item);
      if (undo.edit) edit(undo.item);
      say(t('feedback.page.undone'));
    } catch (e) {
      fail(t('feedback.page.saveFailed', { detail: String(e) }));
    }
  }

  return (
    <div className="fb-page">
      <header className="fb-header">
        <h1>{t('feedback.page.heading')}</h1>
        <p className="sm-muted">{t('feedback.page.intro')}</p>
        <nav aria-label={t('feedback.page.sections')} className="fb-nav">
          <a href="#write">{t('feedback.page.navWrite')}</a>
          <a href="#outbox">{t('feedback.page.navOutbox')}</a>
          <a href="#export">{t('feedback.page.navExport')}</a>
          <a href="#replies">{t('feedback.page.navReplies')}</a>
          <a href="#backup">{t('feedback.page.navBackup')}</a>
        </nav>
      </header>
      <main className="fb-main">
        <div className="fb-col" id="write">
          {editing === undefined || items === undefined ? (
            <p className="sm-muted" data-testid="feedback-loading">
              {t('feedback.page.loading')}
            </p>
          ) : (
            <Composer
              key={editing.key}
              item={editing.item}
              agentName={agentName}
              articles={articles ?? []}
              onReady={() => {
                startNew();
                say(t('feedback.page.readyToast'));
              }}
              onDiscarded={(item) => {
                startNew();
                say(t('feedback.page.discarded'), { item, edit: true });
              }}
              onError={fail}
            />
          )}
          <ExportPanel
            items={items ?? []}
            readBy={readBy}
            onExported={(n) => say(t('feedback.page.exportedToast', { n }))}
            onError={fail}
          />
        </div>
        <div className="fb-col">
          <Outbox
            items={items ?? []}
            editingId={editingId}
            onEdit={(item) => {
              // A ready item goes back to draft while it is changed: it is checked again when it is put back.
              void changeOutboxItem(getDb(), item.id, (stored) =>
                stored.status === 'ready' ? backToDraft(stored, Date.now()) : stored,
              ).then(
                ({ after }) => edit(after),
                (e: unknown) => fail(t('feedback.page.saveFailed', { detail: String(e) })),
              );
            }}
            onWithdraw={(item) => {
              const wasEditing = item.id === editingId;
              if (wasEditing) startNew();
              void change(item.id, (stored) => withdrawItem(stored, Date.now()), t('feedback.page.withdrawn'), {
                edit: wasEditing,
              });
            }}
            onRestore={(item) =>
              void change(item.id, (stored) => backToDraft(stored, Date.now()), t('feedback.page.broughtBack'))
            }
            onDelete={(item) =>
              void deleteOutboxItem(getDb(), item.id)
                .then(() => say(t('feedback.page.deleted'), { item, edit: false }))
                .catch((e: unknown) => fail(t('feedback.page.saveFailed', { detail: String(e) })))
            }
          />
          <RepliesPanel items={items ?? []} replies={replies ?? []} loop={loop} />
          <BackupPanel items={items ?? []} />
        </div>
      </main>
      <footer className="fb-footer sm-muted">
        {t('feedback.page.managerLink')} <a href="/inbox.html">{t('feedback.page.openInbox')}</a>
      </footer>
      <Toast
        toast={toast}
        onUndo={(undo) => void onUndo(undo)}
        testId="feedback"
        undoLabel={t('feedback.page.undo')}
        dismissLabel={t('feedback.page.dismiss')}
      />
    </div>
  );
}
