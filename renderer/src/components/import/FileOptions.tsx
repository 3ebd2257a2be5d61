import { useT } from '../../language.js';
import type { MessageKey } from '../../../../shared/i18n/index.js';
import { DELIMITERS, ENCODING_CHOICES, HEADER_ROW_MAX } from '../../../../shared/contract/index.js';
import { useApp } from '../../state/context.js';
import type { Delimiter, Encoding } from '../../state/import-slice.js';

const DELIMITER_NAMES: Record<Delimiter, MessageKey> = {
  ',': 'import.delim.comma',
  ';': 'import.delim.semicolon',
  '\t': 'import.delim.tab',
  '|': 'import.delim.bar',
};

/** Step 2: how the file is read (sheet, header row, encoding, delimiter); each change checks it again. */
export function FileOptions() {
  const w = useApp((s) => s.wizard);
  const importSet = useApp((s) => s.importSet);
  const t = useT();
  const { upload, preview } = w;
  if (!upload) return null;
  return (
    <div className="import-options">
      <strong>{upload.name}</strong>
      {preview?.sheets && (
        <label>
          {t('import.sheet')}{' '}
          <select
            aria-label={t('import.sheet')}
            value={preview.sheet ?? ''}
            onChange={(e) => importSet({ sheet: e.target.value })}
          >
            {preview.sheets.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
      )}
      <label title={t('import.headerRowHint')}>
        {t('import.headerRow')}{' '}
        <input
          aria-label={t('import.headerRow')}
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
            {t('import.headerFound')}
          </span>
        )}
      </label>
      {!preview?.sheets && (
        <label>
          {t('import.encoding')}{' '}
          <select
            aria-label={t('import.encoding')}
            value={w.encoding}
            onChange={(e) => importSet({ encoding: e.target.value as Encoding })}
          >
            {ENCODING_CHOICES.map((x) => (
              <option key={x} value={x}>
                {x === 'auto' ? t('import.encodingAuto') : x.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
      )}
      {!preview?.sheets && (
        <label>
          {t('import.delimiter')}{' '}
          <select
            aria-label={t('import.delimiter')}
            value={w.delimiter ?? preview?.delimiter ?? ','}
            onChange={(e) => importSet({ delimiter: e.target.value as Delimiter })}
          >
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {t(DELIMITER_NAMES[d])}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
