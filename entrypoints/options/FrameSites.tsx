import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { findFrameSites, type FrameSite } from './frame-origins';

type State = { kind: 'idle' } | { kind: 'finding' } | { kind: 'done'; tabs: number; found: FrameSite[] };

/**
 * Consoles built of frames: explains that a frame from another site needs that site added, and
 * offers the frame sites found on the agent's open console tabs, one click each.
 */
export function FrameSites({
  sites,
  onAdd,
}: {
  sites: readonly string[];
  onAdd: (pattern: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function find() {
    setState({ kind: 'finding' });
    const { tabs, found } = await findFrameSites(sites).catch(() => ({ tabs: 0, found: [] }));
    setState({ kind: 'done', tabs, found });
  }

  const shown = state.kind === 'done' ? state.found.filter((f) => !sites.includes(f.pattern)) : [];
  return (
    <div className="frame-sites" data-testid="options-frames">
      <h3>{t('insertion.frames.heading')}</h3>
      <p className="sm-muted">{t('insertion.frames.help')}</p>
      <button
        type="button"
        onClick={() => void find()}
        disabled={state.kind === 'finding'}
        data-testid="options-frames-find"
        className="frame-sites-find"
      >
        {t('insertion.frames.find')}
      </button>
      <div role="status" data-testid="options-frames-status">
        {state.kind === 'finding' ? <p className="sm-muted">{t('insertion.frames.finding')}</p> : null}
        {state.kind === 'done' && state.tabs === 0 ? <p className="sm-muted">{t('insertion.frames.noTabs')}</p> : null}
        {state.kind === 'done' && state.tabs > 0 && shown.length === 0 ? (
          <p className="sm-muted">{t('insertion.frames.none')}</p>
        ) : null}
      </div>
      {shown.length > 0 ? (
        <>
          <p>{t('insertion.frames.found')}</p>
          <ul className="site-list">
            {shown.map((f) => (
              <li key={f.origin} data-testid="options-frame-row" data-pattern={f.pattern}>
                <code>{f.pattern}</code>
                <span className="sm-muted">{t('insertion.frames.onPage', { url: f.pageUrl })}</span>
                <span className="spacer" />
                <button type="button" onClick={() => void onAdd(f.pattern)} data-testid="options-frame-add">
                  {t('insertion.frames.add')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
