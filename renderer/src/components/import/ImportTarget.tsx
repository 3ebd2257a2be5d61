import type { ColumnMeta } from '../../../../shared/contract/index.js';
import { columnHeading } from '../../../../shared/text/column-heading.js';
import { useApp } from '../../state/context.js';

/**
 * Step 4: where the rows go (a new dataset, or appended to or replacing one), what the model
 * would miss, repeated keys, the copy to keep, and the Import button.
 */
export function ImportTarget({ unmappedModel, onClose }: { unmappedModel: ColumnMeta[]; onClose: () => void }) {
  const w = useApp((s) => s.wizard);
  const datasets = useApp((s) => s.datasets);
  const importSet = useApp((s) => s.importSet);
  const importRun = useApp((s) => s.importRun);
  const target = datasets.find((d) => d.name === w.dataset);
  const needsAck = unmappedModel.length > 0 && !w.acknowledged;
  const run = async (allowDuplicateKeys = false) => {
    if (await importRun(allowDuplicateKeys)) onClose();
  };
  return (
    <>
      <div className="import-target">
        <label>
          <input type="radio" name="mode" checked={w.mode === 'new'} onChange={() => importSet({ mode: 'new' })} /> New
          dataset
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={w.mode === 'append'}
            onChange={() => importSet({ mode: 'append' })}
          />{' '}
          Append to
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={w.mode === 'replace'}
            onChange={() => importSet({ mode: 'replace' })}
          />{' '}
          Replace rows of
        </label>
        {w.mode === 'new' ? (
          <input
            aria-label="New dataset name"
            value={w.dataset}
            onChange={(e) => importSet({ dataset: e.target.value })}
          />
        ) : (
          <select
            aria-label="Target dataset"
            value={w.dataset}
            onChange={(e) => importSet({ dataset: e.target.value })}
          >
            <option value="">choose…</option>
            {datasets.map((d) => (
              <option key={d.name} value={d.name}>
                {d.label}
              </option>
            ))}
          </select>
        )}
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!w.dataset || w.busy !== null || needsAck}
          onClick={() => void run()}
        >
          Import
        </button>
      </div>
      {unmappedModel.length > 0 && target && (
        <div className="import-warnings" role="alert" data-testid="import-warnings">
          <strong>The model reads columns this file leaves empty.</strong>
          <ul>
            {unmappedModel.map((c) => (
              <li key={c.name}>
                {target.label}: <strong>{columnHeading(c)}</strong> gets no file column: every imported row would have
                it empty, and the outputs that need it would show an error.
              </li>
            ))}
          </ul>
          <label>
            <input
              type="checkbox"
              checked={w.acknowledged}
              onChange={(e) => importSet({ acknowledged: e.target.checked })}
            />{' '}
            Import anyway
          </label>
        </div>
      )}
      {w.duplicates && (
        <div className="import-warnings" data-testid="import-duplicates">
          Rows that repeat a key leave the model two values for one cell; it uses the first and lists the others as
          problems.{' '}
          <button type="button" className="small" onClick={() => void run(true)} disabled={w.busy !== null}>
            Import them anyway
          </button>
        </div>
      )}
      {w.mode !== 'new' && (
        <>
          <p className="muted">
            Each file column goes to the dataset column chosen above it (guessed from names, labels and units until you
            change it); every cell is checked against the dataset&apos;s types, and rows that repeat a key the model
            reads by are refused, before anything is written.
          </p>
          <label className="muted">
            <input type="checkbox" checked={w.keepCopy} onChange={(e) => importSet({ keepCopy: e.target.checked })} />{' '}
            Also keep a copy of {target?.label ?? 'the dataset'} as it is now (Undo takes the whole import back in one
            step; a copy stays after the undo history has moved on)
          </label>
        </>
      )}
    </>
  );
}
