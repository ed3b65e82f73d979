import type { MessageKey } from '../i18n';

/**
 * What feedback can be about, and how much it matters to the writer. One catalogue each, so the
 * form, the inbox's filters, the charts and the CSV headers all read the same labels and order.
 */

/** Feedback categories, in the order the form lists them. */
export const FEEDBACK_CATEGORIES = [
  'process',
  'tools',
  'kbGap',
  'schedule',
  'workload',
  'wellbeing',
  'customerVoice',
  'other',
] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];

/** How a category is shown and what the form offers with it. */
export interface CategoryInfo {
  /** Short label (form, filters, chart legend, CSV). */
  label: MessageKey;
  /** One line under the label in the form: what belongs here. */
  hint: MessageKey;
  /** The form offers a link to a KB article (the article that is missing something, or wrong). */
  offersArticle: boolean;
  /** A colour for charts, readable on white and distinct from its neighbours. */
  color: string;
}

/** The category catalogue. */
export const CATEGORY_CATALOGUE: Record<FeedbackCategory, CategoryInfo> = {
  process: {
    label: 'feedback.categories.process',
    hint: 'feedback.categoryHints.process',
    offersArticle: true,
    color: '#2563eb',
  },
  tools: {
    label: 'feedback.categories.tools',
    hint: 'feedback.categoryHints.tools',
    offersArticle: false,
    color: '#7c3aed',
  },
  kbGap: {
    label: 'feedback.categories.kbGap',
    hint: 'feedback.categoryHints.kbGap',
    offersArticle: true,
    color: '#0891b2',
  },
  schedule: {
    label: 'feedback.categories.schedule',
    hint: 'feedback.categoryHints.schedule',
    offersArticle: false,
    color: '#ca8a04',
  },
  workload: {
    label: 'feedback.categories.workload',
    hint: 'feedback.categoryHints.workload',
    offersArticle: false,
    color: '#dc2626',
  },
  wellbeing: {
    label: 'feedback.categories.wellbeing',
    hint: 'feedback.categoryHints.wellbeing',
    offersArticle: false,
    color: '#16a34a',
  },
  customerVoice: {
    label: 'feedback.categories.customerVoice',
    hint: 'feedback.categoryHints.customerVoice',
    offersArticle: true,
    color: '#db2777',
  },
  other: {
    label: 'feedback.categories.other',
    hint: 'feedback.categoryHints.other',
    offersArticle: true,
    color: '#6b7280',
  },
};

/** Label keys of every category, in form order (for selects and chart legends). */
export const CATEGORY_OPTIONS: ReadonlyArray<{ value: FeedbackCategory; label: MessageKey }> = FEEDBACK_CATEGORIES.map(
  (value) => ({ value, label: CATEGORY_CATALOGUE[value].label }),
);

/** How much an item matters to the writer; optional (an item may have none). */
export const FEEDBACK_SEVERITIES = ['low', 'medium', 'high'] as const;
export type FeedbackSeverity = (typeof FEEDBACK_SEVERITIES)[number];

/** How a severity is shown, and its rank for sorting (higher first). */
export const SEVERITY_CATALOGUE: Record<FeedbackSeverity, { label: MessageKey; rank: number }> = {
  low: { label: 'feedback.severities.low', rank: 1 },
  medium: { label: 'feedback.severities.medium', rank: 2 },
  high: { label: 'feedback.severities.high', rank: 3 },
};

/** Label keys of every severity, lowest first. */
export const SEVERITY_OPTIONS: ReadonlyArray<{ value: FeedbackSeverity; label: MessageKey }> = FEEDBACK_SEVERITIES.map(
  (value) => ({ value, label: SEVERITY_CATALOGUE[value].label }),
);

/** Rank for sorting: high 3 … low 1, none 0. */
export function severityRank(s: FeedbackSeverity | null): number {
  return s === null ? 0 : SEVERITY_CATALOGUE[s].rank;
}
