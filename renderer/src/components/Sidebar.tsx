import { useApp } from '../state/context.js';

export function Sidebar() {
  const info = useApp((s) => s.info);
  const datasets = useApp((s) => s.datasets);
  const selected = useApp((s) => s.selected);
  const select = useApp((s) => s.select);
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
              className={d.name === selected ? 'active' : ''}
              aria-current={d.name === selected ? 'page' : undefined}
              onClick={() => void select(d.name)}
              title={d.description}
            >
              <span className="ds-label">{d.label}</span>
              <span className="ds-count">{d.rowCount.toLocaleString('en-US')}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
