import { textIn } from '../../../shared/i18n/index.js';
import { localeFor, sayIn } from '../language.js';
import { messageOf } from './notices-slice.js';
import type { GetState, HistorySlice, SetState } from './types.js';

/** Undo and redo run in the store, so they also undo what is saved in the workbook file. */
export function historySlice(set: SetState, get: GetState): HistorySlice {
  const step = async (direction: 'undo' | 'redo'): Promise<void> => {
    const { api, info } = get();
    if (direction === 'undo' ? !info?.canUndo : !info?.canRedo) return;
    try {
      await get().flushSave(); // a pending slider move is a step of its own
      const done = await api[direction === 'undo' ? 'workbook.undo' : 'workbook.redo']({});
      set({ info: done.info });
      // Show the dataset the step changed, so the user sees what came back.
      const target = get().datasets.find((d) => d.id === done.datasetId);
      if (target && target.name !== get().selected) set({ selected: target.name });
      get().notify(
        'info',
        sayIn(get().language)(direction === 'undo' ? 'notice.undid' : 'notice.redid', {
          label: textIn(localeFor(get().language), done.label),
        }),
      );
    } catch (error) {
      get().notify('error', messageOf(error));
    }
  };
  return { undo: () => step('undo'), redo: () => step('redo') };
}
