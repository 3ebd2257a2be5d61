import { useApp } from '../state/context.js';
import { messageOf } from '../state/notices-slice.js';

/** Datasets and workbooks, each with rename and delete behind an in-app dialog. */
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
  const askText = useApp((s) => s.askText);
  const askConfirm = useApp((s) => s.askConfirm);
  const setDatasetLabel = useApp((s) => s.setDatasetLabel);
  const deleteDataset = useApp((s) => s.deleteDataset);
  const renameWorkbook = useApp((s) => s.renameWorkbook);
  const deleteWorkbook = useApp((s) => s.deleteWorkbook);
  const notify = useApp((s) => s.notify);

  /** Runs a change (its reply reloads what depends on it); a refusal becomes a notice. */
  const change = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify('info', done);
    } catch (error) {
      notify('error', messageOf(error));
    }
  };
  const workbookNames = workbooks.map((w) => w.name.replace(/\.cgw$/i, '').toLowerCase());
  const freeWorkbookName = (except?: string) => (value: string) =>
    workbookNames.includes(value.toLowerCase()) && value.toLowerCase() !== except?.toLowerCase()
      ? `There is already a workbook called “${value}”.`
      : /[/\\:*?"<>|]/.test(value)
        ? 'A workbook name cannot hold / \\ : * ? " < > |'
        : null;

  return (
    <nav className="sidebar" aria-label="Datasets">
      <div className="brand">Compute Gap Workbench</div>
      <div className="workbook-name" title={info?.path}>
        {info?.name ?? '…'}
      </div>
      <h2>Datasets</h2>
      <ul>
        {datasets.map((d) => (
          <li key={d.id} className="item">
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
            <span className="item-actions">
              <button
                type="button"
                className="icon"
                aria-label={`Rename ${d.label}`}
                title="Rename"
                onClick={() =>
                  void (async () => {
                    const label = await askText({
                      title: `Rename ${d.label}`,
                      label: 'Name shown for the dataset',
                      initial: d.label,
                      confirmLabel: 'Rename',
                    });
                    if (label && label !== d.label)
                      await change(() => setDatasetLabel(d.name, label), `Renamed to ${label}.`);
                  })()
                }
              >
                ✎
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Delete ${d.label}`}
                title="Delete"
                onClick={() =>
                  void (async () => {
                    const sure = await askConfirm({
                      title: `Delete ${d.label}?`,
                      message: `Its ${d.rowCount.toLocaleString('en-US')} rows go with it, and this cannot be undone. A dataset the model reads cannot be deleted.`,
                      confirmLabel: 'Delete',
                      danger: true,
                    });
                    if (sure) await change(() => deleteDataset(d.name), `Deleted ${d.label}.`);
                  })()
                }
              >
                🗑
              </button>
            </span>
          </li>
        ))}
      </ul>
      <h2>Workbooks</h2>
      <ul aria-label="Workbooks">
        {workbooks.map((w) => {
          const shown = w.name.replace(/\.cgw$/i, '');
          return (
            <li key={w.name} className="item">
              <button
                type="button"
                className={w.current ? 'active' : ''}
                aria-current={w.current ? 'true' : undefined}
                onClick={() => void openWorkbook(w.name)}
                title={`Last saved ${new Date(w.modified).toLocaleString()}`}
              >
                <span className="ds-label">{shown}</span>
              </button>
              <span className="item-actions">
                <button
                  type="button"
                  className="icon"
                  aria-label={`Rename workbook ${shown}`}
                  title="Rename"
                  onClick={() =>
                    void (async () => {
                      const to = await askText({
                        title: `Rename workbook ${shown}`,
                        label: 'New name',
                        initial: shown,
                        confirmLabel: 'Rename',
                        validate: freeWorkbookName(shown),
                      });
                      if (to && to !== shown) await change(() => renameWorkbook(w.name, to), `Renamed to ${to}.`);
                    })()
                  }
                >
                  ✎
                </button>
                {!w.current && (
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Delete workbook ${shown}`}
                    title="Delete"
                    onClick={() =>
                      void (async () => {
                        const sure = await askConfirm({
                          title: `Delete workbook ${shown}?`,
                          message:
                            'It is moved to the "Deleted workbooks" folder beside your workbooks, from where you can move it back.',
                          confirmLabel: 'Delete',
                          danger: true,
                        });
                        if (sure) await change(() => deleteWorkbook(w.name), `Deleted ${shown}.`);
                      })()
                    }
                  >
                    🗑
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="new-workbook"
        onClick={() =>
          void (async () => {
            let n = 2;
            while (workbookNames.includes(`china ai compute ${n}`)) n++;
            const name = await askText({
              title: 'New workbook from the template',
              label: 'Name of the new workbook',
              initial: `China AI compute ${n}`,
              confirmLabel: 'Make it',
              validate: freeWorkbookName(),
            });
            if (name) await newWorkbook(name);
          })()
        }
      >
        New from template…
      </button>
    </nav>
  );
}
