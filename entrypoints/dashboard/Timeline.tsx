import { memo, useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { stateLabel } from '@/components/stateLabel';
import type { Period } from '@/utils/time/periods';
import { stateKey } from '@/utils/time/states';
import { span } from '@/utils/time/format';
import { clockAt } from './format';
import { stateColour } from '@/utils/time/state-catalogue';

const HOUR = 3_600_000;
const BAND_TOP = 6;
const BAND_HEIGHT = 40;
const AXIS_HEIGHT = 22;

/** The axis of one day: the hours the sessions cover (or the whole 24 h), on the agent's clock. */
export function timelineAxis(periods: readonly Period[], day: string, wholeDay: boolean) {
  const tz = periods[0]?.tz ?? 0;
  const shift = tz * 60_000;
  const first = periods.length ? Math.min(...periods.map((p) => p.start)) : 0;
  const last = periods.length ? Math.max(...periods.map((p) => p.end)) : 0;
  let start = Math.floor((first + shift) / HOUR) * HOUR - shift;
  let end = Math.ceil((last + shift) / HOUR) * HOUR - shift;
  if (wholeDay) {
    const midnight = Date.parse(`${day}T00:00:00Z`) - shift;
    start = Math.min(start, midnight);
    end = Math.max(end, midnight + 24 * HOUR);
  }
  if (end - start < HOUR) end = start + HOUR;
  return { start, end, tz };
}

/** Index of the period under instant `at` (periods are in time order), or null. */
function periodAt(periods: readonly Period[], at: number): number | null {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid]!;
    if (at < p.start) hi = mid - 1;
    else if (at >= p.end) lo = mid + 1;
    else return mid;
  }
  return null;
}

/**
 * The chosen day as coloured bands on an hour axis; unknown time is hatched. One tab stop: arrow
 * keys (and Home/End) step through the bands, and hover or focus shows the state, its start–end and
 * its length.
 */
function TimelineView({ periods, day }: { periods: readonly Period[]; day: string }) {
  const { t, settings } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(900);
  const [active, setActive] = useState<number | null>(null);
  const [wholeDay, setWholeDay] = useState(false);

  // The box appears only once the day has periods, so it is measured whenever it (re)mounts. The
  // observer reports the size after the browser's own layout (its first callback comes right after
  // it starts observing), so the page is never made to lay out early just to measure.
  useEffect(() => {
    if (!box) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(320, Math.floor(entry.target.clientWidth)));
    });
    ro.observe(box);
    return () => ro.disconnect();
  }, [box]);

  const axis = timelineAxis(periods, day, wholeDay);
  const total = axis.end - axis.start;
  const x = (at: number) => ((at - axis.start) / total) * width;
  const spanHours = total / HOUR;
  const labelEvery = spanHours <= 12 ? 1 : spanHours <= 24 ? 2 : 3;
  const ticks: number[] = [];
  for (let h = axis.start; h <= axis.end; h += HOUR) ticks.push(h);

  const label = (p: Period) => stateLabel(t, p, custom);
  const describe = (p: Period) =>
    t('dashboard.timeline.band', {
      state: label(p),
      start: clockAt(p.start, p.tz),
      end: p.open ? t('dashboard.timeline.now') : clockAt(p.end, p.tz),
      length: span(p.end - p.start),
    });
  const current = active !== null ? periods[active] : undefined;
  const keys = [...new Map(periods.map((p) => [stateKey(p), p])).values()];

  const onKey = (e: KeyboardEvent) => {
    if (!periods.length) return;
    const last = periods.length - 1;
    const at = active ?? -1;
    let next: number | null = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = Math.min(last, at + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') setActive(null);
    if (next !== null) {
      e.preventDefault();
      setActive(next);
    }
  };
  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const at = axis.start + ((e.clientX - rect.left) / rect.width) * total;
    setActive(periodAt(periods, at));
  };

  if (periods.length === 0) {
    return (
      <p className="sm-muted dash-empty" data-testid="timeline-empty">
        {t('dashboard.timeline.empty')}
      </p>
    );
  }

  return (
    <div className="dash-timeline" data-testid="timeline">
      <div className="dash-timeline-tools">
        <label className="dash-check">
          <input
            type="checkbox"
            checked={wholeDay}
            onChange={(e) => setWholeDay(e.target.checked)}
            data-testid="timeline-whole-day"
          />
          {t('dashboard.timeline.wholeDay')}
        </label>
        <span className="sm-muted dash-hint">{t('dashboard.timeline.keysHint')}</span>
      </div>
      <div
        ref={setBox}
        className="dash-timeline-box"
        tabIndex={0}
        role="group"
        aria-label={t('dashboard.timeline.label', { day })}
        aria-describedby="dash-timeline-live"
        onKeyDown={onKey}
        onFocus={() => setActive((a) => a ?? 0)}
        onBlur={() => setActive(null)}
      >
        <svg
          width={width}
          height={BAND_TOP + BAND_HEIGHT + AXIS_HEIGHT}
          onMouseMove={onMove}
          onMouseLeave={() => setActive(null)}
          aria-hidden="true"
        >
          <defs>
            <pattern id="dash-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#eef0f4" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#8a94a3" strokeWidth="2" />
            </pattern>
          </defs>
          {ticks.map((h) => (
            <line key={h} x1={x(h)} x2={x(h)} y1={BAND_TOP - 4} y2={BAND_TOP + BAND_HEIGHT + 4} className="dash-tick" />
          ))}
          {periods.map((p, i) => (
            <rect
              key={`${p.start}-${i}`}
              x={x(p.start)}
              y={BAND_TOP}
              width={Math.max(0.75, x(p.end) - x(p.start))}
              height={BAND_HEIGHT}
              fill={p.state === 'unknown' ? 'url(#dash-hatch)' : stateColour(p.state)}
              className={i === active ? 'dash-band active' : 'dash-band'}
              data-testid="timeline-band"
              data-state={stateKey(p)}
            />
          ))}
          {ticks.map((h, i) =>
            i % labelEvery === 0 ? (
              <text
                key={`l${h}`}
                x={x(h)}
                y={BAND_TOP + BAND_HEIGHT + 17}
                textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
                className="dash-tick-label"
              >
                {clockAt(h, axis.tz)}
              </text>
            ) : null,
          )}
        </svg>
        {current ? (
          <div
            className="dash-band-tip"
            data-testid="timeline-tip"
            style={{ left: Math.min(width - 120, Math.max(120, x((current.start + current.end) / 2))) }}
          >
            {describe(current)}
          </div>
        ) : null}
      </div>
      <div id="dash-timeline-live" className="sm-visually-hidden" aria-live="polite">
        {current ? describe(current) : ''}
      </div>
      <ul className="dash-legend" aria-label={t('dashboard.timeline.legend')}>
        {keys.map((p) => (
          <li key={stateKey(p)}>
            <span
              className={p.state === 'unknown' ? 'dash-swatch hatched' : 'dash-swatch'}
              style={p.state === 'unknown' ? undefined : { background: stateColour(p.state) }}
            />
            {label(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** {@link TimelineView}, re-rendered only when its props change (the page ticks every 30 s). */
export const Timeline = memo(TimelineView);
