import { useLocale, useT } from '../../language.js';
import { formatNumberIn } from '../../../../shared/i18n/index.js';
import { COLUMN_TYPES, type ColumnType } from '../../../../shared/contract/index.js';
import { columnHeading } from '../../../../shared/text/column-heading.js';
import { useApp } from '../../state/context.js';
import { useDatasets } from '../../dataset-labels.js';

/** Step 3: the first rows, with each column's type (new dataset) or the dataset column it goes to. */
export function PreviewTable({ mappedTo }: { mappedTo: Record<string, string> }) {
  const w = useApp((s) => s.wizard);
  const datasets = useDatasets();
  const importSet = useApp((s) => s.importSet);
  const t = useT();
  const locale = useLocale();
  const { preview, mode } = w;
  if (!preview) return null;
  const target = datasets.find((d) => d.name === w.dataset);
  return (
    <>
      <p className="muted" data-testid="import-summary">
        {t('import.summary', { rows: formatNumberIn(locale, preview.rows), columns: preview.columns.length })}
      </p>
      <div className="preview-wrap">
        <table className="compare-table preview" data-testid="import-preview">
          <thead>
            <tr>
              {preview.columns.map((c) => (
                <th key={c.name}>
                  <div>{c.label}</div>
                  <div className="muted">{c.name}</div>
                  {mode !== 'new' && target && (
                    <select
                      aria-label={t('import.columnFor', { label: c.label })}
                      value={mappedTo[c.name] ?? ''}
                      onChange={(e) => importSet({ mapping: { ...w.mapping, [c.name]: e.target.value } })}
                    >
                      <option value="">{t('import.leaveOut')}</option>
                      {target.columns.map((d) => (
                        <option key={d.name} value={d.name}>
                          → {columnHeading(d)}
                        </option>
                      ))}
                    </select>
                  )}
                  {mode === 'new' && (
                    <select
                      aria-label={t('import.typeOf', { label: c.label })}
                      value={w.types[c.name] ?? c.type}
                      onChange={(e) => importSet({ types: { ...w.types, [c.name]: e.target.value as ColumnType } })}
                    >
                      {COLUMN_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`type.${type}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
