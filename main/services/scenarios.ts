import type { Text } from '../../shared/i18n/index.js';
import { AppError, type Scenario, type ScenarioState } from '../../shared/contract/index.js';
import { type ModelDefinition, defaultsOf, renamedKeys } from '../../shared/model/index.js';
import { readDefinition } from './model/load.js';
import type { WorkbookStore } from './store/workbook-store.js';

const DOCUMENT = 'scenarios';

interface Stored {
  user: { name: string; description: string; overrides: Record<string, number> }[];
  current: { name: string; values: Record<string, number> };
}

const defaults = defaultsOf;

/** The stored scenarios document; refused as corrupt when it is not JSON. */
function parseStored(json: string): Stored {
  try {
    return JSON.parse(json) as Stored;
  } catch {
    throw AppError.of('WORKBOOK_CORRUPT', { key: 'scenarioError.corrupt' });
  }
}

/**
 * The scenarios document with assumption `from` renamed to `to` in every saved scenario and in
 * the what-if state, or null when there is none (a workbook never moved off its defaults).
 */
export async function scenariosRenamed(
  store: WorkbookStore,
  from: string,
  to: string,
): Promise<{ name: string; body: string } | null> {
  const json = await store.getDocument(DOCUMENT);
  if (json === null) return null;
  const stored = parseStored(json);
  const renamed: Stored = {
    user: stored.user.map((s) => ({ ...s, overrides: renamedKeys(s.overrides, from, to) })),
    current: { ...stored.current, values: renamedKeys(stored.current.values, from, to) },
  };
  return { name: DOCUMENT, body: JSON.stringify(renamed) };
}

/** Scenarios live in the workbook as one document, changed only as undoable steps. */
export class ScenarioService {
  constructor(private readonly store: WorkbookStore) {}

  private async load(): Promise<{ def: ModelDefinition; stored: Stored }> {
    const def = await readDefinition(this.store);
    const json = await this.store.getDocument(DOCUMENT);
    let stored: Stored = { user: [], current: { name: def.scenarios[0]?.name ?? 'Base', values: defaults(def) } };
    if (json) stored = parseStored(json);
    // Assumptions added to the model since the state was saved take their defaults.
    stored.current.values = { ...defaults(def), ...stored.current.values };
    return { def, stored };
  }

  private state(def: ModelDefinition, stored: Stored): ScenarioState {
    const scenarios: Scenario[] = [
      ...def.scenarios.map((s) => ({
        name: s.name,
        description: s.description,
        overrides: s.overrides,
        builtIn: true,
      })),
      ...stored.user.map((s) => ({ ...s, builtIn: false })),
    ];
    return { scenarios, current: stored.current };
  }

  async get(): Promise<ScenarioState> {
    const { def, stored } = await this.load();
    return this.state(def, stored);
  }

  private checkValues(def: ModelDefinition, values: Record<string, number>): Record<string, number> {
    const clean: Record<string, number> = {};
    for (const a of def.assumptions) {
      const v = Object.prototype.hasOwnProperty.call(values, a.id) ? values[a.id] : a.default;
      if (v === undefined || !Number.isFinite(v) || v < a.min || v > a.max) {
        throw AppError.of(
          'INVALID_VALUE',
          {
            key: 'scenarioError.range',
            params: {
              label: a.label,
              id: a.id,
              min: String(a.min),
              max: String(a.max),
              unit: a.unit,
              value: String(v),
            },
          },
          {
            assumption: a.id,
          },
        );
      }
      clean[a.id] = v;
    }
    const unknown = Object.keys(values).filter((k) => !def.assumptions.some((a) => a.id === k));
    if (unknown.length)
      throw AppError.of('INVALID_VALUE', { key: 'scenarioError.unknown', params: { ids: unknown.join(', ') } });
    return clean;
  }

  private find(def: ModelDefinition, stored: Stored, name: string) {
    const key = name.toLowerCase();
    const builtIn = def.scenarios.find((s) => s.name.toLowerCase() === key);
    const user = stored.user.find((s) => s.name.toLowerCase() === key);
    return { builtIn, user, exists: Boolean(builtIn ?? user) };
  }

  private overridesOf(def: ModelDefinition, values: Record<string, number>): Record<string, number> {
    return Object.fromEntries(
      def.assumptions.filter((a) => values[a.id] !== a.default).map((a) => [a.id, values[a.id] as number]),
    );
  }

  private async save(def: ModelDefinition, stored: Stored, label: Text) {
    const info = await this.store.editDocument(DOCUMENT, JSON.stringify(stored), label);
    return { state: this.state(def, stored), info };
  }

  async setCurrent(name: string, values: Record<string, number>, label?: Text) {
    const { def, stored } = await this.load();
    if (!this.find(def, stored, name).exists)
      throw AppError.of('NOT_FOUND', { key: 'scenarioError.notFound', params: { name } });
    const switching = stored.current.name !== name;
    stored.current = { name, values: this.checkValues(def, values) };
    return this.save(
      def,
      stored,
      label ?? (switching ? { key: 'undo.switchScenario', params: { name } } : { key: 'undo.changeAssumptions' }),
    );
  }

  async create(name: string, values: Record<string, number>, description = '') {
    const { def, stored } = await this.load();
    if (this.find(def, stored, name).exists)
      throw AppError.of('CONFLICT', { key: 'scenarioError.exists', params: { name } });
    const clean = this.checkValues(def, values);
    stored.user.push({ name, description, overrides: this.overridesOf(def, clean) });
    stored.current = { name, values: clean };
    return this.save(def, stored, { key: 'undo.createScenario', params: { name } });
  }

  async update(name: string, values: Record<string, number>) {
    const { def, stored } = await this.load();
    const { user, builtIn } = this.find(def, stored, name);
    if (builtIn) throw AppError.of('BAD_REQUEST', { key: 'scenarioError.builtInEdit', params: { name } });
    if (!user) throw AppError.of('NOT_FOUND', { key: 'scenarioError.notFound', params: { name } });
    const clean = this.checkValues(def, values);
    user.overrides = this.overridesOf(def, clean);
    if (stored.current.name === user.name) stored.current.values = clean;
    return this.save(def, stored, { key: 'undo.saveScenario', params: { name } });
  }

  async rename(name: string, to: string) {
    const { def, stored } = await this.load();
    const { user, builtIn } = this.find(def, stored, name);
    if (builtIn) throw AppError.of('BAD_REQUEST', { key: 'scenarioError.builtInName', params: { name } });
    if (!user) throw AppError.of('NOT_FOUND', { key: 'scenarioError.notFound', params: { name } });
    if (name.toLowerCase() !== to.toLowerCase() && this.find(def, stored, to).exists) {
      throw AppError.of('CONFLICT', { key: 'scenarioError.exists', params: { name: to } });
    }
    if (stored.current.name === user.name) stored.current.name = to;
    user.name = to;
    return this.save(def, stored, { key: 'undo.renameScenario', params: { name, to } });
  }

  async duplicate(name: string, to: string) {
    const { def, stored } = await this.load();
    const { user, builtIn } = this.find(def, stored, name);
    const source = user ?? builtIn;
    if (!source) throw AppError.of('NOT_FOUND', { key: 'scenarioError.notFound', params: { name } });
    if (this.find(def, stored, to).exists)
      throw AppError.of('CONFLICT', { key: 'scenarioError.exists', params: { name: to } });
    stored.user.push({ name: to, description: source.description, overrides: { ...source.overrides } });
    return this.save(def, stored, { key: 'undo.duplicateScenario', params: { name } });
  }

  async delete(name: string) {
    const { def, stored } = await this.load();
    const { user, builtIn } = this.find(def, stored, name);
    if (builtIn) throw AppError.of('BAD_REQUEST', { key: 'scenarioError.builtInDelete', params: { name } });
    if (!user) throw AppError.of('NOT_FOUND', { key: 'scenarioError.notFound', params: { name } });
    stored.user = stored.user.filter((s) => s !== user);
    if (stored.current.name === user.name) {
      const base = def.scenarios[0];
      stored.current = { name: base?.name ?? 'Base', values: { ...defaults(def), ...(base?.overrides ?? {}) } };
    }
    return this.save(def, stored, { key: 'undo.deleteScenario', params: { name } });
  }
}
