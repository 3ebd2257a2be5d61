import { useApp } from '../state/context.js';

export function StatusBar({ transport }: { transport: 'ipc' | 'http' }) {
  const info = useApp((s) => s.info);
  const saving = useApp((s) => s.saving);
  const lastSaved = useApp((s) => s.lastSaved);
  const total = useApp((s) => s.total);
  const selected = useApp((s) => s.selected);
  const shown = useApp((s) => s.shownRows);
  const view = useApp((s) => s.view);
  const state = saving > 0 ? 'Saving…' : lastSaved === 'failed' ? 'Last change refused' : 'All changes saved';
  return (
    <footer className="statusbar" role="status" aria-label="Status">
      <span className="path" title={info?.path}>
        {info?.path ?? ''}
      </span>
      <span data-testid="save-state" className={saving > 0 ? 'saving' : lastSaved}>
        {state}
      </span>
      <span data-testid="row-count">
        {selected
          ? view === 'data' && shown !== null
            ? `${selected}: ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows shown (filtered)`
            : `${selected}: ${total.toLocaleString('en-US')} rows`
          : ''}
      </span>
      <span className="muted">{info?.undoLabel ? `Undo: ${info.undoLabel}` : 'Nothing to undo'}</span>
      <span className="muted">{transport === 'ipc' ? 'Desktop' : 'Browser host'}</span>
    </footer>
  );
}
