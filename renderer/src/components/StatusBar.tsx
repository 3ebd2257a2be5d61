import { textIn } from '../../../shared/i18n/index.js';
import { useLocale, useT } from '../language.js';
import { useApp } from '../state/context.js';

export function StatusBar({ transport }: { transport: 'ipc' | 'http' }) {
  const info = useApp((s) => s.info);
  const saving = useApp((s) => s.saving);
  const lastSaved = useApp((s) => s.lastSaved);
  const total = useApp((s) => s.total);
  const selected = useApp((s) => s.selected);
  const shown = useApp((s) => s.shownRows);
  const view = useApp((s) => s.view);
  const t = useT();
  const locale = useLocale();
  const state = saving > 0 ? t('status.saving') : lastSaved === 'failed' ? t('status.refused') : t('status.saved');
  return (
    <footer className="statusbar" role="status" aria-label={t('status.label')}>
      <span className="path" title={info?.path} data-i18n-skip>
        {info?.path ?? ''}
      </span>
      <span data-testid="save-state" className={saving > 0 ? 'saving' : lastSaved}>
        {state}
      </span>
      <span data-testid="row-count">
        {selected
          ? view === 'data' && shown !== null
            ? t('status.rowsFiltered', { dataset: selected, shown, total })
            : t('status.rows', { dataset: selected, count: total })
          : ''}
      </span>
      <span className="muted">
        {info?.undoLabel ? t('app.undoWhat', { label: textIn(locale, info.undoLabel) }) : t('status.nothingToUndo')}
      </span>
      <span className="muted">{transport === 'ipc' ? t('status.desktop') : t('status.browserHost')}</span>
    </footer>
  );
}
