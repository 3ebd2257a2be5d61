import { MoneyChoiceSelect } from './components/MoneyChoiceSelect.js';
import { Suspense, lazy, useContext, useEffect } from 'react';
import type { Transport } from './api/transport.js';
import { AppDialog } from './components/AppDialog.js';
import { ContextMenu } from './components/ContextMenu.js';
import { isThemeChoice, useApplyTheme, useEffectiveTheme } from './theme.js';
import { ImportDialog } from './components/ImportDialog.js';
import { typingInField } from './keys.js';
import { ExportMenu } from './components/ExportMenu.js';
import { Notices } from './components/Notices.js';
import { Sidebar } from './components/Sidebar.js';
import { StatusBar } from './components/StatusBar.js';
import { StoreContext, useApp } from './state/context.js';
import type { View } from './state/types.js';
import { LOCALES, LOCALE_NAMES, type MessageKey, textIn } from '../../shared/i18n/index.js';
import { isLanguageChoice, useApplyLanguage, useLocale, useT } from './language.js';
import { AnalysesView } from './views/AnalysesView.js';
import { ModelView } from './views/ModelView.js';
import { ScenariosView } from './views/ScenariosView.js';
import { WhatIfView } from './views/WhatIfView.js';

/** The two views with a grid (AG Grid, a large part of the renderer's code) load when first opened. */
const DatasetGrid = lazy(() => import('./components/DatasetGrid.js').then((m) => ({ default: m.DatasetGrid })));
const OutputsView = lazy(() => import('./views/OutputsView.js').then((m) => ({ default: m.OutputsView })));

const VIEWS: { id: View; label: MessageKey }[] = [
  { id: 'whatif', label: 'app.view.whatif' },
  { id: 'data', label: 'app.view.data' },
  { id: 'outputs', label: 'app.view.outputs' },
  { id: 'scenarios', label: 'app.view.scenarios' },
  { id: 'analyses', label: 'app.view.analyses' },
  { id: 'model', label: 'app.view.model' },
];

export function App({ transport }: { transport: Transport }) {
  const store = useContext(StoreContext);
  const loadError = useApp((s) => s.loadError);
  const info = useApp((s) => s.info);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  const view = useApp((s) => s.view);
  const importing = useApp((s) => s.importing);
  const closeImport = useApp((s) => s.closeImport);
  const setView = useApp((s) => s.setView);
  const busy = useApp((s) => s.busy);
  const themeChoice = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  useApplyTheme(useEffectiveTheme(themeChoice));
  const languageChoice = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const locale = useLocale();
  useApplyLanguage(locale);
  const t = useT();

  useEffect(() => {
    const reload = async () => {
      await store?.getState().loadWorkbook();
      await store?.getState().loadModel();
    };
    void reload();
    // Another window's write, a menu command: the same path as this window's own replies.
    const offChanged = transport.on('changed', (changed) => void store?.getState().invalidate(changed));
    const offCommand = transport.on('command', ({ command }) => {
      if (command === 'undo') void store?.getState().undo();
      if (command === 'redo') void store?.getState().redo();
      if (command === 'reload') void reload();
      if (command === 'import') store?.getState().openImport();
      if (command === 'find') store?.getState().requestFind();
      const theme = command.startsWith('theme-') ? command.slice('theme-'.length) : null;
      if (isThemeChoice(theme)) store?.getState().setTheme(theme);
      const language = command.startsWith('lang-') ? command.slice('lang-'.length) : null;
      if (isLanguageChoice(language)) store?.getState().setLanguage(language);
    });
    const offProgress = transport.on('progress', (p) => store?.getState().importProgress(p));
    return () => {
      offChanged();
      offCommand();
      offProgress();
    };
  }, [store, transport]);

  // A file dropped anywhere on the window opens the import wizard with it.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      store?.getState().openImport(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || typingInField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'f' && !e.shiftKey) {
        // The browser's find cannot see grid rows that are not drawn: the Data view's own Find.
        e.preventDefault();
        store?.getState().requestFind();
      } else if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    // Capture phase: the grid handles keys in its cells and would otherwise swallow Ctrl+Z there.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [undo, redo, store]);

  if (loadError) {
    return (
      <div className="fatal" role="alert">
        <h1>{t('app.loadFailed')}</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  return (
    <div className="app">
      <Sidebar />
      <main className="content">
        <div className="topbar">
          <div role="tablist" aria-label={t('app.views')} className="tabs">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" aria-selected={view === v.id} onClick={() => setView(v.id)}>
                {t(v.label)}
              </button>
            ))}
          </div>
          <span className="spacer" />
          {busy && (
            <span className="busy" role="status" data-testid="busy">
              <span className="spinner" aria-hidden="true" /> {busy}
            </span>
          )}
          <MoneyChoiceSelect />
          <select
            className="language-choice"
            aria-label={t('app.language')}
            title={t('app.languageHint')}
            value={languageChoice}
            onChange={(e) => isLanguageChoice(e.target.value) && setLanguage(e.target.value)}
          >
            <option value="system">{t('app.language.system')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
          <select
            className="theme-choice"
            aria-label={t('app.theme')}
            title={t('app.themeHint')}
            value={themeChoice}
            onChange={(e) => isThemeChoice(e.target.value) && setTheme(e.target.value)}
          >
            <option value="system">{t('app.theme.system')}</option>
            <option value="light">{t('app.theme.light')}</option>
            <option value="dark">{t('app.theme.dark')}</option>
          </select>
          <ExportMenu />
          <button
            type="button"
            onClick={() => void undo()}
            disabled={!info?.canUndo}
            title={info?.undoLabel ? t('app.undoWhat', { label: textIn(locale, info.undoLabel) }) : ''}
          >
            {t('app.undo')}
          </button>
          <button
            type="button"
            onClick={() => void redo()}
            disabled={!info?.canRedo}
            title={info?.redoLabel ? t('app.redoWhat', { label: textIn(locale, info.redoLabel) }) : ''}
          >
            {t('app.redo')}
          </button>
        </div>
        <Notices />
        <div className="view" role="tabpanel">
          {view === 'whatif' && <WhatIfView />}
          {view === 'data' && (
            <Suspense fallback={<p className="muted">{t('data.loading')}</p>}>
              <DatasetGrid />
            </Suspense>
          )}
          {view === 'outputs' && (
            <Suspense fallback={<p className="muted">{t('data.loading')}</p>}>
              <OutputsView />
            </Suspense>
          )}
          {view === 'scenarios' && <ScenariosView />}
          {view === 'analyses' && <AnalysesView />}
          {view === 'model' && <ModelView />}
        </div>
      </main>
      <StatusBar transport={transport.kind} />
      {importing && <ImportDialog onClose={closeImport} />}
      <AppDialog />
      <ContextMenu />
    </div>
  );
}
