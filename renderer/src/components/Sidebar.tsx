import { useApp } from '../state/context.js';

export function Sidebar() {
  const info = useApp((s) => s.info);
  const datasets = useApp((s) => s.datasets);
  const selected = useApp((s) => s.selected);
  const select = useApp((s) => s.select);
  const setView = useApp((s) => s.setView);
  const view = useApp((s) => s.view);
  const workbooks = useApp((s) => s.workbooks);
  const openWorkbook = useApp((s) => s.openWorkbook);
  const newWorkbook = useApp((s) => s.newWorkbook);
  return (
    <nav className="sidebar" aria-label="Datasets">
      <div className="brand">Compute Gap Workbench</div>
      <div className="workbook-name" title={info?.path}>
        {info?.name ?? '…'}
      </div>
      <h2>Datasets</h2>
      <ul>
        {datasets.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className={d.name === selected && view === 'data' ? 'active' : ''}
              aria-current={d.name === selected && view === 'data' ? 'page' : undefined}
              onClick={() => {
                setView('data');
                void select(d.name);
              }}
              title={d.description}
            >
              <span className="ds-label">{d.label}</span>
              <span className="ds-count">{d.rowCount.toLocaleString('en-US')}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2>Workbooks</h2>
      <ul aria-label="Workbooks">
        {workbooks.map((w) => (
          <li key={w.name}>
            <button
              type="button"
              className={w.current ? 'active' : ''}
              aria-current={w.current ? 'true' : undefined}
              onClick={() => void openWorkbook(w.name)}
              title={`Last saved ${new Date(w.modified).toLocaleString()}`}
            >
              <span className="ds-label">{w.name.replace(/\.cgw$/i, '')}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="new-workbook" onClick={() => void newWorkbook()}>
        New from template
      </button>
    </nav>
  );
}
