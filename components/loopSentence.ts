import type { LoopFigures } from '@/utils/feedback/replies-format';
import type { Translate } from '@/utils/i18n';

/**
 * The loop figures as one sentence ("Managers answered 12 of 20 items (60%); median 2.5 days to
 * an answer"), or "no answers published yet". Shown to agents (feedback page) and managers (inbox).
 */
export function loopSentence(t: Translate, locale: string, loop: LoopFigures | null): string {
  if (!loop || loop.answered === 0 || loop.answeredShare === null) return t('feedback.loop.noneYet');
  return t('feedback.loop.summary', {
    answered: loop.answered,
    items: loop.items,
    share: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(loop.answeredShare),
    days: loop.medianDaysToAnswer === null ? '–' : new Intl.NumberFormat(locale).format(loop.medianDaysToAnswer),
  });
}
