import { DELIMITERS, ENCODING_CHOICES, HEADER_ROW_MAX } from '../../../../shared/contract/index.js';
import { useApp } from '../../state/context.js';
import type { Delimiter, Encoding } from '../../state/import-slice.js';

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };

/** Step 2: how the file is read (sheet, header row, encoding, delimiter); each change checks it again. */
export function FileOptions() {
  const w = useApp((s) => s.wizard);
  const importSet = useApp((s) => s.importSet);
  const { upload, preview } = w;
  if (!upload) return null;
  return (
    <div className="import-options">
      <strong>{upload.name}</strong>
      {preview?.sheets && (
        <label>
          Sheet{' '}
          <select aria-label="Sheet" value={preview.sheet ?? ''} onChange={(e) => importSet({ sheet: e.target.value })}>
            {preview.sheets.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
      )}
      <label title="The row holding the column names; rows above it (titles, notes) are passed over">
        Header row{' '}
        <input
          aria-label="Header row"
          type="number"
          min={1}
          max={HEADER_ROW_MAX}
          value={w.headerRow ?? preview?.headerRow ?? 1}
          onChange={(e) => {
            const row = Number(e.target.value);
            if (Number.isInteger(row) && row >= 1 && row <= HEADER_ROW_MAX) importSet({ headerRow: row });
          }}
        />
        {w.headerRow === null && (preview?.headerRow ?? 1) > 1 && (
          <span className="muted" data-testid="header-found">
            {' '}
            found: rows above it are titles
          </span>
        )}
      </label>
      {!preview?.sheets && (
        <label>
          Encoding{' '}
          <select
            aria-label="Encoding"
            value={w.encoding}
            onChange={(e) => importSet({ encoding: e.target.value as Encoding })}
          >
            {ENCODING_CHOICES.map((x) => (
              <option key={x} value={x}>
                {x === 'auto' ? 'detect (UTF-8, marked, else GB18030)' : x.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      )}
      {!preview?.sheets && (
        <label>
          Delimiter{' '}
          <select
            aria-label="Delimiter"
            value={w.delimiter ?? preview?.delimiter ?? ','}
            onChange={(e) => importSet({ delimiter: e.target.value as Delimiter })}
          >
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_NAMES[d]}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
