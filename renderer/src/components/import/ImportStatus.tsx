import type { ImportStage } from '../../../../shared/contract/index.js';
import { useApp } from '../../state/context.js';

const STAGE_TEXT: Record<ImportStage | 'done', string> = {
  check: 'reading and checking the file',
  read: 'reading rows',
  validate: 'checking every cell',
  write: 'writing rows',
  done: 'done',
};

/** What the wizard is doing (reading, checking, importing with its stage), with Stop for an import. */
export function ImportStatus() {
  const busy = useApp((s) => s.wizard.busy);
  const running = useApp((s) => s.wizard.running);
  const error = useApp((s) => s.wizard.error);
  const importCancel = useApp((s) => s.importCancel);
  const text =
    busy?.kind === 'reading'
      ? `Reading ${busy.file ?? 'the file'}…`
      : busy?.kind === 'checking'
        ? 'Checking the file…'
        : busy?.kind === 'importing'
          ? `Importing ${(busy.rows ?? 0).toLocaleString('en-US')} rows…`
          : '';
  return (
    <>
      {busy && (
        <div className="progress" role="status">
          {running ? (
            <progress aria-label="Import progress" value={running.done} max={running.total} />
          ) : (
            <progress aria-label="Import progress" />
          )}
          <span>
            {text}
            {running && ` (${STAGE_TEXT[running.stage]})`}
          </span>
          {busy.kind === 'importing' && (
            <button type="button" onClick={() => void importCancel()}>
              Stop import
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </>
  );
}
