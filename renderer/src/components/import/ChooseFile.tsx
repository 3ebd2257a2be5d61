import { IMPORT_EXTENSIONS } from '../../../../shared/contract/index.js';
import { useApp } from '../../state/context.js';

/** Step 1: a file chosen in the page (browser host), in the native dialog (desktop), or dropped. */
export function ChooseFile() {
  const canUpload = useApp((s) => s.canUpload);
  const importSend = useApp((s) => s.importSend);
  const importPick = useApp((s) => s.importPick);
  return (
    <div className="drop-hint">
      <p>
        Excel (.xlsx), CSV, TSV, JSON (an array of objects) or Parquet. You can also drop a file anywhere on the window.
      </p>
      {canUpload ? (
        <label className="button-like">
          Choose a file…
          <input
            type="file"
            aria-label="File to import"
            accept={IMPORT_EXTENSIONS.map((x) => `.${x}`).join(',')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importSend(f);
            }}
          />
        </label>
      ) : (
        <button type="button" onClick={() => void importPick()}>
          Choose a file…
        </button>
      )}
    </div>
  );
}
