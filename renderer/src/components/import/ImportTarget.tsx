import { useT } from '../../language.js';
import type { ColumnMeta } from '../../../../shared/contract/index.js';
import { columnHeading } from '../../../../shared/text/column-heading.js';
import { useApp } from '../../state/context.js';
import { useDatasets } from '../../dataset-labels.js';

/**
 * Step 4: where the rows go (a new dataset, or appended to or replacing one), what the model
 * would miss, repeated keys, the copy to keep, and the Import button.
 */
export function ImportTarget({ unmappedModel, onClose }: { unmappedModel: ColumnMeta[]; onClose: () => void }) {
  const w = useApp((s) => s.wizard);
  const datasets = useDatasets();
  const importSet = useApp((s) => s.importSet);
  const importRun = useApp((s) => s.importRun);
  const t = useT();
  const target = datasets.find((d) => d.name === w.dataset);
  const needsAck = unmappedModel.length > 0 && !w.acknowledged;
  const run = async (allowDuplicateKeys = false) => {
    if (await importRun(allowDuplicateKeys)) onClose();
  };
  return (
    <>
      <div className="import-target">
        <label>
          <input type="radio" name="mode" checked={w.mode === 'new'} onChange={() => importSet({ mode: 'new' })} />{' '}
          {t('import.new')}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={w.mode === 'append'}
            onChange={() => importSet({ mode: 'append' })}
          />{' '}
          {t('import.append')}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={w.mode === 'replace'}
            onChange={() => importSet({ mode: 'replace' })}
          />{' '}
          {t('import.replace')}
        </label>
        {w.mode === 'new' ? (
          <input
            aria-label={t('import.newName')}
            value={w.dataset}
            onChange={(e) => importSet({ dataset: e.target.value })}
          />
        ) : (
          <select
            aria-label={t('import.target')}
            value={w.dataset}
            onChange={(e) => importSet({ dataset: e.target.value })}
          >
            <option value="">{t('import.chooseTarget')}</option>
            {datasets.map((d) => (
              <option key={d.name} value={d.name}>
                {d.label}
              </option>
            ))}
          </select>
        )}
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!w.dataset || w.busy !== null || needsAck}
          onClick={() => void run()}
        >
          {t('import.run')}
        </button>
      </div>
      {unmappedModel.length > 0 && target && (
        <div className="import-warnings" role="alert" data-testid="import-warnings">
          <strong>{t('import.modelEmpty')}</strong>
          <ul>
            {unmappedModel.map((c) => (
              <li key={c.name}>
                {target.label}: <strong>{columnHeading(c)}</strong> {t('import.modelEmptyItem')}
              </li>
            ))}
          </ul>
          <label>
            <input
              type="checkbox"
              checked={w.acknowledged}
              onChange={(e) => importSet({ acknowledged: e.target.checked })}
            />{' '}
            {t('import.anyway')}
          </label>
        </div>
      )}
      {w.duplicates && (
        <div className="import-warnings" data-testid="import-duplicates">
          {t('import.duplicates')}{' '}
          <button type="button" className="small" onClick={() => void run(true)} disabled={w.busy !== null}>
            {t('import.duplicatesAnyway')}
          </button>
        </div>
      )}
      {w.mode !== 'new' && (
        <>
          <p className="muted">{t('import.mappingNote')}</p>
          <label className="muted">
            <input type="checkbox" checked={w.keepCopy} onChange={(e) => importSet({ keepCopy: e.target.checked })} />{' '}
            {t('import.keepCopy', { dataset: target?.label ?? t('import.theDataset') })}
          </label>
        </>
      )}
    </>
  );
}
