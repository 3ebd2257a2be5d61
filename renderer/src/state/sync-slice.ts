import type { Changed } from '../../../shared/contract/index.js';
import { modelDatasets } from '../../../shared/model/index.js';
import type { GetState, SetState, SyncSlice } from './types.js';

/** Versions already applied, kept for a while so the event after a reply (or before) is skipped. */
const REMEMBERED = 200;

/**
 * The one way the window learns that the workbook changed: every write's reply carries what it
 * changed and every window hears the same as the `changed` event; both come here. What is
 * reloaded follows from what changed, and nothing else is reloaded by hand after a write.
 */
export function syncSlice(_set: SetState, get: GetState): SyncSlice {
  const applied = new Set<number>();

  return {
    async invalidate({ version, changes }: Changed) {
      if (applied.has(version)) return;
      applied.add(version);
      // Read before any await: a save of the window's own moves may finish while this runs,
      // and its change must still count as the window's own.
      const ownMovesNewer = get().movesInFlight();
      if (applied.size > REMEMBERED) applied.delete(applied.values().next().value as number);
      const s = get();
      if (changes.workbook) {
        await s.loadWorkbook();
        await s.loadModel();
        return;
      }
      // The dataset list carries row counts and the undo labels: any change can move them.
      await s.refreshCatalog(changes.folder === true);
      const rows = new Set(changes.rows ?? []);
      const documents = changes.documents ?? [];
      const selected = get().selected;
      const work: Promise<void>[] = [];
      if (changes.catalog || (selected !== null && rows.has(selected))) work.push(get().reloadRows());
      if (documents.some((d) => d.startsWith('vintage:'))) work.push(get().loadVintages());
      const def = get().def;
      const modelRead = def ? modelDatasets(def).filter((d) => rows.has(d)) : [];
      if (documents.includes('model') || documents.includes('facts') || changes.catalog || !def) {
        work.push(get().loadModel());
      } else if (documents.includes('scenarios')) {
        // The window's own slider moves are newer than any saved state while they wait to be
        // saved or are on their way: the saved state is not read back over them.
        if (!ownMovesNewer) work.push(get().loadModel(modelRead.length ? { datasets: modelRead } : undefined));
        else if (modelRead.length) work.push(get().loadModel({ datasets: modelRead }));
      } else if (modelRead.length) {
        work.push(get().loadModel({ datasets: modelRead }));
      }
      await Promise.all(work);
    },
  };
}
