import { useLocale, useNumberFormat, useT } from '../language.js';
import { useApp } from '../state/context.js';
import { messageOf } from '../state/notices-slice.js';
import { useDatasets } from '../dataset-labels.js';

/** Datasets and workbooks, each with rename and delete behind an in-app dialog. */
export function Sidebar() {
  const info = useApp((s) => s.info);
  const datasets = useDatasets();
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
  const t = useT();
  const locale = useLocale();
  const num = useNumberFormat();

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
      ? t('sidebar.nameTaken', { name: value })
      : /[/\\:*?"<>|]/.test(value)
        ? t('sidebar.nameBadChars')
        : null;

  return (
    <nav className="sidebar" aria-label={t('sidebar.datasets')}>
      <div className="brand">{t('app.brand')}</div>
      <div className="workbook-name" title={info?.path} data-i18n-skip>
        {info?.name ?? '…'}
      </div>
      <h2>{t('sidebar.datasets')}</h2>
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
              <span className="ds-label" data-i18n-skip>
                {d.label}
              </span>
              <span className="ds-count">{num(d.rowCount)}</span>
            </button>
            <span className="item-actions">
              <button
                type="button"
                className="icon"
                aria-label={t('sidebar.renameDataset', { label: d.label })}
                title={t('common.rename')}
                onClick={() =>
                  void (async () => {
                    const label = await askText({
                      title: t('sidebar.renameDataset', { label: d.label }),
                      label: t('sidebar.datasetNameLabel'),
                      initial: d.label,
                      confirmLabel: t('common.rename'),
                    });
                    if (label && label !== d.label)
                      await change(() => setDatasetLabel(d.name, label), t('sidebar.renamedTo', { name: label }));
                  })()
                }
              >
                ✎
              </button>
              <button
                type="button"
                className="icon"
                aria-label={t('sidebar.deleteDataset', { label: d.label })}
                title={t('common.delete')}
                onClick={() =>
                  void (async () => {
                    const sure = await askConfirm({
                      title: t('sidebar.deleteDatasetTitle', { label: d.label }),
                      message: t('sidebar.deleteDatasetMessage', { count: d.rowCount }),
                      confirmLabel: t('common.delete'),
                      danger: true,
                    });
                    if (sure) await change(() => deleteDataset(d.name), t('sidebar.deleted', { name: d.label }));
                  })()
                }
              >
                🗑
              </button>
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('sidebar.workbooks')}</h2>
      <ul aria-label={t('sidebar.workbooks')}>
        {workbooks.map((w) => {
          const shown = w.name.replace(/\.cgw$/i, '');
          return (
            <li key={w.name} className="item">
              <button
                type="button"
                className={w.current ? 'active' : ''}
                aria-current={w.current ? 'true' : undefined}
                onClick={() => void openWorkbook(w.name)}
                title={t('sidebar.lastSaved', { when: new Date(w.modified).toLocaleString(locale) })}
              >
                <span className="ds-label" data-i18n-skip>
                  {shown}
                </span>
              </button>
              <span className="item-actions">
                <button
                  type="button"
                  className="icon"
                  aria-label={t('sidebar.renameWorkbook', { name: shown })}
                  title={t('common.rename')}
                  onClick={() =>
                    void (async () => {
                      const to = await askText({
                        title: t('sidebar.renameWorkbook', { name: shown }),
                        label: t('common.newName'),
                        initial: shown,
                        confirmLabel: t('common.rename'),
                        validate: freeWorkbookName(shown),
                      });
                      if (to && to !== shown)
                        await change(() => renameWorkbook(w.name, to), t('sidebar.renamedTo', { name: to }));
                    })()
                  }
                >
                  ✎
                </button>
                {!w.current && (
                  <button
                    type="button"
                    className="icon"
                    aria-label={t('sidebar.deleteWorkbook', { name: shown })}
                    title={t('common.delete')}
                    onClick={() =>
                      void (async () => {
                        const sure = await askConfirm({
                          title: t('sidebar.deleteWorkbookTitle', { name: shown }),
                          message: t('sidebar.deleteWorkbookMessage'),
                          confirmLabel: t('common.delete'),
                          danger: true,
                        });
                        if (sure) await change(() => deleteWorkbook(w.name), t('sidebar.deleted', { name: shown }));
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
              title: t('sidebar.newTitle'),
              label: t('sidebar.newLabel'),
              initial: `China AI compute ${n}`,
              confirmLabel: t('sidebar.newConfirm'),
              validate: freeWorkbookName(),
            });
            if (name) await newWorkbook(name);
          })()
        }
      >
        {t('sidebar.newFromTemplate')}
      </button>
    </nav>
  );
}
