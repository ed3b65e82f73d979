import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { Article } from './kb/article';
import type { InstalledPack } from './kb/pack-record';
import type { ArticleUsage, SearchMiss } from './kb/usage';
import { tzOffsetAt, type StateEdit, type StateEvent } from './time/states';
import type { LedgerDay } from './time/ledger-days';
import type { WellbeingEvent } from './wellbeing/records';
import type { OutboxItem, ShareIdRecord, StoredReply } from './feedback/records';
import type { InboxItem, InboxShare } from './feedback/inbox-records';
import { upgradeFeedbackV5 } from './feedback/db-upgrade';
import { upgradeArticleV6 } from './kb/article-upgrade';

/** Name of Seatmate's one IndexedDB database (in the extension's own origin). */
export const DB_NAME = 'seatmate';

/**
 * Seatmate's one Dexie database. Open it only from extension pages and the background: a content
 * script that opened it would be writing into the console page's own IndexedDB.
 *
 * Every record type has a zod schema beside its domain (`articleSchema`, `stateEventSchema`, …);
 * writers validate with it before a transaction.
 */
export class SeatmateDb extends Dexie {
  /** Knowledge-base articles (sample, the agent's own, and team packs'). */
  articles!: EntityTable<Article, 'id'>;
  /** The state ledger: one row per state change, never a running counter. */
  stateEvents!: EntityTable<StateEvent, 'id'>;
  /** The agent's corrections to the ledger (what was changed, from what, to what, when). */
  stateEdits!: EntityTable<StateEdit, 'id'>;
  /** Totals of closed days, so a year's report need not read every row (rebuilt when missing). */
  ledgerDays!: EntityTable<LedgerDay, 'day'>;
  /** Wellbeing prompts shown and what the agent did with them. */
  wellbeingEvents!: EntityTable<WellbeingEvent, 'id'>;
  /** The agent's feedback outbox: drafts, ready, exported and withdrawn items (with their secrets). */
  feedback!: EntityTable<OutboxItem, 'id'>;
  /** Managers' answers to the agent's own items (only matched ones are ever stored). */
  replies!: EntityTable<StoredReply, 'id'>;
  /** Random ids of the optional export sections (mood, KB gaps), one per kind and week. */
  feedbackShareIds!: EntityTable<ShareIdRecord, 'key'>;
  /** The manager's inbox: imported feedback items with their status and answers. */
  inboxItems!: EntityTable<InboxItem, 'id'>;
  /** The manager's inbox: imported mood and KB-gap sections, one per agent and week. */
  inboxShares!: EntityTable<InboxShare, 'id'>;
  /** Team packs installed in this browser. */
  packs!: EntityTable<InstalledPack, 'id'>;
  /** Pins and frecency per article (kept apart so pack updates never reset them). */
  articleUsage!: EntityTable<ArticleUsage, 'articleId'>;
  /** Searches that found nothing, counted per week, for the anonymised KB gap report. */
  searchMisses!: EntityTable<SearchMiss, 'key'>;

  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    // Version 1. Later versions are added below it, never by editing this one.
    this.version(1).stores({
      articles: 'id, lang, source, packId, updatedAt, *tags',
      stateEvents: '++id, at, state',
      wellbeingEvents: '++id, at, kind',
      feedback: 'id, day, status, replyToken',
      replies: 'id, replyToken, day, read',
      packs: 'id, url',
    });
    // Version 2: articles gain kind, category, keywords, steps, placeholders and review dates;
    // usage and search misses get their own tables.
    this.version(2)
      .stores({
        articles: 'id, lang, kind, category, source, packId, updatedAt, *tags',
        articleUsage: 'articleId, lastUsedAt',
        searchMisses: 'key, week',
      })
      .upgrade((tx) =>
        tx
          .table('articles')
          .toCollection()
          .modify((a: Record<string, unknown>) => {
            a.kind ??= 'reply';
            a.category ??= '';
            a.keywords ??= [];
            a.steps ??= [];
            a.placeholders ??= [];
            a.reviewBy ??= null;
            a.verifiedOn ??= null;
          }),
      );
    // Version 3: the ledger gains available/lunch/other states, `code`, `tz` and `clockBack`, and a
    // table of the agent's corrections, and a cache of closed days' totals. Old rows: ready and ringing become available.
    this.version(3)
      .stores({ stateEdits: '++id, eventId, editedAt', ledgerDays: 'day' })
      .upgrade((tx) =>
        tx
          .table('stateEvents')
          .toCollection()
          .modify((e: Record<string, unknown>) => {
            if (e.state === 'ready' || e.state === 'ringing') e.state = 'available';
            if (typeof e.tz !== 'number') e.tz = tzOffsetAt(typeof e.at === 'number' ? e.at : 0);
          }),
      );
    // Version 4: the day cache of earlier versions could hold days it never read (stored as empty
    // while rows were still arriving), and counted a call restored after a crash twice. It is only a
    // shortcut, so it is emptied and rebuilt from the ledger.
    this.version(4)
      .stores({})
      .upgrade((tx) => tx.table('ledgerDays').clear());
    // Version 5: feedback gets its outbox shape (per-item secret, week, signature, article, reply
    // status) and the manager's inbox its tables. Old feedback rows become items of the new shape
    // with a fresh secret; old replies (keyed by a token no item keeps) are dropped.
    this.version(5)
      .stores({
        feedback: 'id, status, updatedAt',
        replies: 'id, itemId, read',
        feedbackShareIds: 'key',
        inboxItems: 'id, status, category, week, receivedAt',
        inboxShares: 'id, kind, week',
      })
      .upgrade(upgradeFeedbackV5);
    // Version 6: articles tell the reply (what goes to the customer) from the notes (what only the
    // agent reads). A stored body written by the Markdown convention (`## Reply` / `## Notes`) is
    // split; any other keeps its whole body, inserted as before and marked in the KB page.
    this.version(6)
      .stores({})
      .upgrade((tx) => tx.table('articles').toCollection().modify(upgradeArticleV6));
  }
}

let shared: SeatmateDb | null = null;

/** The database shared by all code in one extension context (opened lazily on first use). */
export function getDb(): SeatmateDb {
  shared ??= new SeatmateDb();
  return shared;
}
