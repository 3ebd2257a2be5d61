import { useLocale, useT } from '../../language.js';
import { type MessageKey, formatNumberIn } from '../../../../shared/i18n/index.js';
import type { ImportStage } from '../../../../shared/contract/index.js';
import { useApp } from '../../state/context.js';

const STAGE_TEXT: Record<ImportStage | 'done', MessageKey> = {
  check: 'import.stage.check',
  read: 'import.stage.read',
  validate: 'import.stage.validate',
  write: 'import.stage.write',
  done: 'import.stage.done',
};

/** What the wizard is doing (reading, checking, importing with its stage), with Stop for an import. */
export function ImportStatus() {
  const busy = useApp((s) => s.wizard.busy);
  const running = useApp((s) => s.wizard.running);
  const error = useApp((s) => s.wizard.error);
  const importCancel = useApp((s) => s.importCancel);
  const t = useT();
  const locale = useLocale();
  const text =
    busy?.kind === 'reading'
      ? t('import.reading', { file: busy.file ?? t('import.theFile') })
      : busy?.kind === 'checking'
        ? t('import.checking')
        : busy?.kind === 'importing'
          ? t('import.importing', { rows: formatNumberIn(locale, busy.rows ?? 0) })
          : '';
  return (
    <>
      {busy && (
        <div className="progress" role="status">
          {running ? (
            <progress aria-label={t('import.progress')} value={running.done} max={running.total} />
          ) : (
            <progress aria-label={t('import.progress')} />
          )}
          <span>
            {text}
            {running && ` (${t(STAGE_TEXT[running.stage])})`}
          </span>
          {busy.kind === 'importing' && (
            <button type="button" onClick={() => void importCancel()}>
              {t('import.stop')}
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
