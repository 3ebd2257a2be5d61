import { localeFor } from '../language.js';
import type { Text } from '../../../shared/i18n/index.js';
import type { Fact, ScenarioState } from '../../../shared/contract/index.js';
import {
  type Engine,
  bindData,
  checkModel,
  compileEngine,
  parseDefinition,
  assumptionRecord,
  readModelTables,
  TIME_DIM,
  labelIn,
} from '../../../shared/model/index.js';
import { messageOf } from './notices-slice.js';
import type { GetState, ModelSlice, SetState } from './types.js';
import { newestOnly } from './newest.js';

/** Assumption moves are saved after this pause, as one undo step per burst of slider moves. */
const SAVE_DELAY_MS = 600;

/** Copies the engine's reused buffers so React sees new values. */
function snapshot(engine: Engine, values: Float64Array): Map<string, Float64Array> {
  const results = engine.run(values);
  return new Map([...results].map(([id, v]) => [id, Float64Array.from(v)]));
}

export function modelSlice(set: SetState, get: GetState): ModelSlice {
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingLabel: Text | null = null;
  /** Saves sent and not yet answered. */
  let savesRunning = 0;
  const beginLoad = newestOnly();

  const vectorOf = (engine: Engine, values: Record<string, number>): Float64Array =>
    Float64Array.from(engine.model.def.assumptions.map((a) => values[a.id] ?? a.default));

  const scenarioValues = (engine: Engine, state: ScenarioState, name: string): Float64Array => {
    const s = state.scenarios.find((x) => x.name === name);
    return engine.assumptions(s?.overrides ?? {});
  };

  /** Marks a save as pending (the status bar says "Saving…") until it is acknowledged. */
  const schedule = (delay: number): void => {
    if (saveTimer) clearTimeout(saveTimer);
    else set((s) => ({ saving: s.saving + 1 }));
    saveTimer = setTimeout(() => void saveNow(), delay);
  };

  const saveNow = async (): Promise<void> => {
    if (!saveTimer) return;
    clearTimeout(saveTimer);
    saveTimer = null;
    const { engine, values, scenarioState, api } = get();
    if (!engine || !values || !scenarioState) return set((s) => ({ saving: s.saving - 1 }));
    savesRunning++;
    try {
      const reply = await api['scenarios.setCurrent']({
        name: scenarioState.current.name,
        values: assumptionRecord(engine, values),
        label: pendingLabel ?? { key: 'undo.changeAssumptions' },
      });
      set({ scenarioState: reply.state, info: reply.info, lastSaved: 'saved' });
    } catch (error) {
      set({ lastSaved: 'failed' });
      get().notify('error', messageOf(error));
    } finally {
      savesRunning--;
      set((s) => ({ saving: s.saving - 1 }));
    }
  };

  // Leaving the page (reload, close) must not drop a move still waiting for its pause.
  if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void saveNow());

  return {
    def: null,
    engine: null,
    tables: {},
    working: null,
    modelDraft: null,
    builtInModel: null,
    async loadBuiltInModel() {
      if (get().builtInModel) return;
      try {
        const { json } = await get().api['model.builtIn']({});
        set({ builtInModel: parseDefinition(json) });
      } catch (error) {
        get().notify('error', messageOf(error));
      }
    },
    setModelDraft: (modelDraft) => set({ modelDraft }),
    facts: [],
    modelError: null,
    scenarioState: null,
    values: null,
    baseValues: null,
    results: null,
    year: 2026,

    async applyModel(def) {
      try {
        const { info } = await get().api['model.apply']({ json: JSON.stringify(def) });
        set({ info });
        await get().loadModel();
        return true;
      } catch (error) {
        get().notify('error', messageOf(error));
        return false;
      }
    },

    async renameModelItem(from, to) {
      try {
        const { info } = await get().api['model.rename']({ from, to });
        set({ info, modelDraft: null });
        await get().loadModel();
        return true;
      } catch (error) {
        get().notify('error', messageOf(error));
        return false;
      }
    },

    async loadModel(only) {
      const { api } = get();
      // A slower, older load (from before a workbook switch) must not land over a newer one.
      const current = beginLoad();
      const readPage = (dataset: string, offset: number, limit: number) =>
        api['datasets.readRows']({ dataset, offset, limit });
      const existing = get().datasets.map((d) => d.name);
      const vintage = get().vintage;
      try {
        const known = get().working;
        const state = get().scenarioState;
        const shown = get().values;
        if (only && known && state && shown) {
          // Rows of some datasets changed: only those are read again; the scenario state and
          // the analyst's unsaved moves stay as they are.
          const changed = await readModelTables(known.def, existing, readPage, only.datasets);
          const tables = { ...known.tables, ...changed };
          const at = await get().stateAt(vintage, { def: known.def, tables });
          const engine = compileEngine(checkModel(at.def), bindData(at.def, at.tables));
          if (!current()) return;
          set({
            engine,
            tables: at.tables,
            working: { def: known.def, tables },
            modelError: null,
            results: snapshot(engine, shown),
          });
          return;
        }
        const [{ json }, facts, scenarioState] = await Promise.all([
          api['model.definition']({}),
          api['model.facts']({}),
          api['scenarios.get']({}),
        ]);
        const working = parseDefinition(json);
        // The working rows are read even on a vintage: comparisons put the two side by side.
        const tables = await readModelTables(working, existing, readPage);
        const at = await get().stateAt(vintage, { def: working, tables });
        const def = at.def;
        const engine = compileEngine(checkModel(def), bindData(def, at.tables));
        const baseValues = scenarioValues(engine, scenarioState, scenarioState.current.name);
        // On a vintage the scenario applies on top of the vintage's defaults; the moves kept in
        // the workbook were made on the working data and do not carry over.
        const saved = vintage ? Float64Array.from(baseValues) : vectorOf(engine, scenarioState.current.values);
        // A slider moved while this load ran is newer than what was saved: it stays on screen
        // (and is saved when its pause ends).
        const onScreen = get().values;
        const values = get().movesInFlight() && onScreen && onScreen.length === saved.length ? onScreen : saved;
        const years = engine.data.members.get(TIME_DIM) ?? [];
        const year = years.includes(get().year) ? get().year : Number(years[years.length - 1] ?? 0);
        if (!current()) return;
        set({
          def,
          engine,
          tables: at.tables,
          working: { def: working, tables },
          facts,
          scenarioState,
          values,
          baseValues,
          year,
          modelError: null,
          results: snapshot(engine, values),
        });
      } catch (error) {
        if (!current()) return;
        set({ modelError: messageOf(error), engine: null, results: null });
      }
    },

    movesInFlight: () => saveTimer !== null || savesRunning > 0,

    setAssumption(id, value, label) {
      const { engine, values } = get();
      if (!engine || !values) return;
      const k = engine.assumptionIds.indexOf(id);
      if (k < 0) return;
      const next = Float64Array.from(values);
      next[k] = value;
      // Recompute here, in the renderer, in the same event: no round trip before the numbers move.
      set({ values: next, results: snapshot(engine, next) });
      // Undo labels are kept as data in the workbook's history, so each window words them in its
      // language; the assumption's own label is taken in the language of the moment.
      const a = engine.model.def.assumptions[k];
      const locale = localeFor(get().language);
      pendingLabel = label ?? { key: 'undo.set', params: { label: a ? labelIn(a, locale) : id, value } };
      // A vintage is read-only: moves on it are a what-if on screen, not saved to the workbook.
      if (get().vintage === null) schedule(SAVE_DELAY_MS);
    },

    resetAssumptions(ids) {
      const { engine, values, baseValues } = get();
      if (!engine || !values || !baseValues) return;
      const next = Float64Array.from(values);
      const all = ids ?? engine.assumptionIds;
      for (const id of all) {
        const k = engine.assumptionIds.indexOf(id);
        if (k >= 0) next[k] = baseValues[k] as number;
      }
      set({ values: next, results: snapshot(engine, next) });
      pendingLabel = ids?.length === 1 ? { key: 'undo.reset', params: { id: ids[0] ?? '' } } : { key: 'undo.resetAll' };
      if (get().vintage === null) schedule(0);
    },

    async flushSave() {
      await saveNow();
    },

    setYear(year) {
      set({ year });
    },

    async switchScenario(name) {
      const { engine, scenarioState, api } = get();
      if (!engine || !scenarioState) return;
      await get().flushSave();
      const values = scenarioValues(engine, scenarioState, name);
      if (get().vintage !== null) {
        // On a vintage nothing is saved: the scenario is applied on screen only.
        const current = { ...scenarioState.current, name };
        set({
          scenarioState: { ...scenarioState, current },
          values,
          baseValues: values,
          results: snapshot(engine, values),
        });
        return;
      }
      try {
        const reply = await api['scenarios.setCurrent']({ name, values: assumptionRecord(engine, values) });
        set({
          scenarioState: reply.state,
          info: reply.info,
          values,
          baseValues: values,
          results: snapshot(engine, values),
        });
      } catch (error) {
        get().notify('error', messageOf(error));
      }
    },

    async scenarioAction(action) {
      const { engine, values, api } = get();
      if (!engine || !values) return false;
      await get().flushSave();
      try {
        const current = assumptionRecord(engine, values);
        const reply =
          action.kind === 'create'
            ? await api['scenarios.create']({ name: action.name, values: current })
            : action.kind === 'save'
              ? await api['scenarios.update']({ name: action.name, values: current })
              : action.kind === 'rename'
                ? await api['scenarios.rename']({ name: action.name, to: action.to })
                : action.kind === 'duplicate'
                  ? await api['scenarios.duplicate']({ name: action.name, to: action.to })
                  : await api['scenarios.delete']({ name: action.name });
        const state = reply.state;
        const nextValues = vectorOf(engine, state.current.values);
        set({
          scenarioState: state,
          info: reply.info,
          values: nextValues,
          baseValues: scenarioValues(engine, state, state.current.name),
          results: snapshot(engine, nextValues),
        });
        return true;
      } catch (error) {
        get().notify('error', messageOf(error));
        return false;
      }
    },

    factsById() {
      return new Map(get().facts.map((f: Fact) => [f.id, f]));
    },
  };
}
