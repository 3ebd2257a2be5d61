import { useContext, useEffect } from 'react';
import type { Transport } from './api/transport.js';
import { DatasetGrid } from './components/DatasetGrid.js';
import { Notices } from './components/Notices.js';
import { Sidebar } from './components/Sidebar.js';
import { StatusBar } from './components/StatusBar.js';
import { StoreContext, useApp } from './state/context.js';

/** Inside a text field the browser's own undo applies; elsewhere Ctrl+Z undoes in the workbook. */
function typingInField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function App({ transport }: { transport: Transport }) {
  const store = useContext(StoreContext);
  const loadError = useApp((s) => s.loadError);
  const info = useApp((s) => s.info);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);

  useEffect(() => {
    void store?.getState().loadWorkbook();
    const offChanged = transport.on('changed', () => void store?.getState().loadWorkbook());
    const offCommand = transport.on('command', ({ command }) => {
      if (command === 'undo') void store?.getState().undo();
      if (command === 'redo') void store?.getState().redo();
      if (command === 'reload') void store?.getState().loadWorkbook();
    });
    return () => {
      offChanged();
      offCommand();
    };
  }, [store, transport]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || typingInField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  if (loadError) {
    return (
      <div className="fatal" role="alert">
        <h1>The workbook could not be loaded</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  return (
    <div className="app">
      <Sidebar />
      <main className="content">
        <div className="topbar">
          <button type="button" onClick={() => void undo()} disabled={!info?.canUndo} title={info?.undoLabel ?? ''}>
            Undo
          </button>
          <button type="button" onClick={() => void redo()} disabled={!info?.canRedo} title={info?.redoLabel ?? ''}>
            Redo
          </button>
        </div>
        <Notices />
        <DatasetGrid />
      </main>
      <StatusBar transport={transport.kind} />
    </div>
  );
}
