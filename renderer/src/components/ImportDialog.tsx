import { useT } from '../language.js';
import { useMemo } from 'react';
import { modelColumns } from '../../../shared/model/index.js';
import { useApp } from '../state/context.js';
import { ChooseFile } from './import/ChooseFile.js';
import { FileOptions } from './import/FileOptions.js';
import { ImportStatus } from './import/ImportStatus.js';
import { ImportTarget } from './import/ImportTarget.js';
import { PreviewTable } from './import/PreviewTable.js';
import { Modal } from './Modal.js';
import { useDatasets } from '../dataset-labels.js';

/**
 * Import wizard: choose or drop a file, check how it is read, see its first rows and types,
 * pick where it goes. Its state and every call to the main process live in the import slice;
 * these steps only show it and say what the analyst chose.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const w = useApp((s) => s.wizard);
  const datasets = useDatasets();
  const def = useApp((s) => s.def);
  const importMapping = useApp((s) => s.importMapping);
  const t = useT();
  // Recomputed when the preview, the target or the analyst's choices change.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- importMapping reads exactly these
  const mappedTo = useMemo(() => importMapping(), [importMapping, w.preview, w.dataset, w.mapping, datasets]);
  const target = datasets.find((d) => d.name === w.dataset);
  /** Columns the model reads that no file column feeds: imported rows would leave them empty. */
  const fed = new Set(Object.values(mappedTo));
  const reads = def && target && w.mode !== 'new' ? modelColumns(def).get(target.name) : undefined;
  const unmappedModel = target?.columns.filter((c) => reads?.has(c.name) && !fed.has(c.name)) ?? [];
  return (
    <Modal title={t('import.title')} onClose={onClose} className="wide" testId="import-dialog">
      {w.upload ? <FileOptions /> : <ChooseFile />}
      <ImportStatus />
      {w.preview && (
        <>
          <PreviewTable mappedTo={mappedTo} />
          <ImportTarget unmappedModel={unmappedModel} onClose={onClose} />
        </>
      )}
    </Modal>
  );
}
