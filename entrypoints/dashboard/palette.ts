import type { LedgerState } from '@/utils/time/states';

/**
 * One palette for the timeline, the legend and the charts, so a state has the same colour
 * everywhere. Based on the Okabe–Ito colour-blind-safe set; each colour has at least 3:1 contrast
 * against the white page. Unknown time is drawn hatched (see `Timeline`), never as a solid state.
 */
export const STATE_COLOURS: Record<LedgerState, string> = {
  talk: '#0072b2',
  hold: '#d55e00',
  acw: '#aa4499',
  available: '#117733',
  break: '#56b4e9',
  lunch: '#ddcc77',
  other: '#882255',
  offline: '#8a94a3',
  unknown: '#8a94a3',
};

/** The stacking order of the daily bars (handling first, then waiting, then away). */
export const BAR_STATES = ['talk', 'hold', 'acw', 'available', 'break', 'lunch', 'other'] as const;

/** The colour of a period's state (`other` codes share the `other` colour). */
export function stateColour(state: LedgerState): string {
  return STATE_COLOURS[state];
}
