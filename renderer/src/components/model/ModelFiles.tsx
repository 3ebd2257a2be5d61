import { type ModelDefinition, parseDefinition } from '../../../../shared/model/index.js';
import { useLocale, useT } from '../../language.js';
import { modelDiff } from '../../model-draft.js';
import { useApp } from '../../state/context.js';
import { messageOf } from '../../state/notices-slice.js';
import { useExport } from '../useExport.js';

/**
 * The model as a JSON file: exported to review in git or share; imported after main has checked
 * it against this workbook's data (refused with the checker's positioned message) and the analyst
 * has seen which items it changes. Applying it is one undo step.
 */
export function ModelFiles({ def }: { def: ModelDefinition }) {
  const t = useT();
  const locale = useLocale();
  const canUpload = useApp((s) => s.canUpload);
  const readModelFile = useApp((s) => s.readModelFile);
  const exportModelDefinition = useApp((s) => s.exportModelDefinition);
  const askConfirm = useApp((s) => s.askConfirm);
  const applyModel = useApp((s) => s.applyModel);
  const notify = useApp((s) => s.notify);
  const runExport = useExport();

  const load = async (file: File | null) => {
    try {
      const read = await readModelFile(file);
      if (!read) return;
      const { json, name, problems } = read;
      if (problems.length > 0) {
        const message = problems.map((p) => p.message).join(t('model.problemSep'));
        return notify('error', t('model.importRefused', { name, message }));
      }
      const proposed = parseDefinition(json);
      const changes = modelDiff(def, proposed);
      if (changes.length === 0) return notify('info', t('model.importSame', { name }));
      const items = changes.map((c) => `${c.id} (${t(`model.diff.${c.change}`)})`).join(t('model.listSep'));
      const sure = await askConfirm({
        title: t('model.importTitle', { name }),
        message: t('model.importMessage', { count: changes.length, items }),
        confirmLabel: t('model.importConfirm'),
      });
      if (sure && (await applyModel(proposed))) notify('info', t('model.imported', { name }));
    } catch (error) {
      notify('error', messageOf(error));
    }
  };

  return (
    <>
      <button type="button" className="small" onClick={() => void runExport(exportModelDefinition)}>
        {t('model.export')}
      </button>
      {canUpload ? (
        <label className="button-like small" lang={locale}>
          {t('model.import')}
          <input
            type="file"
            accept=".json,application/json"
            aria-label={t('model.import')}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              e.target.value = ''; // the same file chosen again is read again
              if (f) void load(f);
            }}
          />
        </label>
      ) : (
        <button type="button" className="small" onClick={() => void load(null)}>
          {t('model.import')}
        </button>
      )}
    </>
  );
}
