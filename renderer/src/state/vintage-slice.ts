import { sayIn } from '../language.js';
import type { Vintage } from '../../../shared/contract/index.js';
import { modelAt } from '../../../shared/model/index.js';
import { messageOf } from './notices-slice.js';
import type { GetState, SetState, VintageSlice } from './types.js';

/**
 * Vintages: the list, which one the what-if view runs on (null: the working data), and each
 * vintage fetched once (they never change once taken, so the copy can be kept).
 */
export function vintageSlice(set: SetState, get: GetState): VintageSlice {
  let cache = new Map<string, Vintage>();
  let cachedFor: string | null = null;

  const fetchVintage = async (name: string): Promise<Vintage> => {
    const path = get().info?.path ?? null;
    if (path !== cachedFor) {
      cache = new Map();
      cachedFor = path;
    }
    const hit = cache.get(name);
    if (hit) return hit;
    const v = await get().api['vintages.get']({ name });
    cache.set(name, v);
    return v;
  };

  /** Workbooks whose offer was turned down in this window (by path). */
  const declined = new Set<string>();

  return {
    vintages: [],
    vintage: null,
    upgradeOffer: null,

    async loadVintages() {
      try {
        const versions = await get().api['workbook.modelVersions']({});
        const path = get().info?.path ?? '';
        set({ upgradeOffer: versions.workbook < versions.builtIn && !declined.has(path) ? versions : null });
        const vintages = await get().api['vintages.list']({});
        const vintage = get().vintage;
        // A workbook without the vintage in use (another workbook opened) runs on its working data.
        set({ vintages, vintage: vintage && vintages.some((v) => v.name === vintage) ? vintage : null });
      } catch (error) {
        get().notify('error', messageOf(error));
      }
    },

    fetchVintage,

    async stateAt(name, working) {
      if (name === null) return working;
      return modelAt(working.def, await fetchVintage(name));
    },

    async useVintage(name) {
      if (name === get().vintage) return;
      await get().flushSave();
      set({ vintage: name });
      await get().loadModel();
    },

    async snapshotVintage(name, note, date) {
      try {
        const reply = await get().api['vintages.snapshot']({ name, note, date });
        set({ vintages: reply.vintages, info: reply.info });
        get().notify('info', sayIn(get().language)('notice.vintageTaken', { name }));
        return true;
      } catch (error) {
        get().notify('error', messageOf(error));
        return false;
      }
    },

    declineUpgrade() {
      declined.add(get().info?.path ?? '');
      set({ upgradeOffer: null });
    },

    async upgradeModel() {
      try {
        await get().flushSave();
        // The upgrade's reply reloads the workbook whole (sync-slice.ts), on the working data.
        set({ vintage: null });
        const reply = await get().api['workbook.upgrade']({});
        set({ info: reply.info, upgradeOffer: null });
        const dropped = reply.scenarios.filter((s) => s.dropped.length > 0);
        const say = sayIn(get().language);
        get().notify(
          'info',
          say('notice.adopted', { vintage: reply.vintage, backup: reply.backup }) +
            (dropped.length
              ? say('notice.scenariosLost', {
                  list: dropped.map((s) => `${s.name} (${s.dropped.join(', ')})`).join('; '),
                })
              : say('notice.scenariosKept')),
        );
        return true;
      } catch (error) {
        get().notify('error', messageOf(error));
        return false;
      }
    },

    async deleteVintage(name) {
      try {
        const reply = await get().api['vintages.delete']({ name });
        cache.delete(name);
        set({ vintages: reply.vintages, info: reply.info });
        if (get().vintage === name) {
          set({ vintage: null });
          await get().loadModel();
        }
        get().notify('info', sayIn(get().language)('notice.vintageDeleted', { name }));
        return true;
      } catch (error) {
        get().notify('error', messageOf(error));
        return false;
      }
    },
  };
}
