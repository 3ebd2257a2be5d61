import { useT } from '../../language.js';
import { IMPORT_EXTENSIONS } from '../../../../shared/contract/index.js';
import { useApp } from '../../state/context.js';

/** Step 1: a file chosen in the page (browser host), in the native dialog (desktop), or dropped. */
export function ChooseFile() {
  const canUpload = useApp((s) => s.canUpload);
  const importSend = useApp((s) => s.importSend);
  const importPick = useApp((s) => s.importPick);
  const t = useT();
  return (
    <div className="drop-hint">
      <p>{t('import.formats')}</p>
      {canUpload ? (
        <label className="button-like">
          {t('import.choose')}
          <input
            type="file"
            aria-label={t('import.file')}
            accept={IMPORT_EXTENSIONS.map((x) => `.${x}`).join(',')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importSend(f);
            }}
          />
        </label>
      ) : (
        <button type="button" onClick={() => void importPick()}>
          {t('import.choose')}
        </button>
      )}
    </div>
  );
}
