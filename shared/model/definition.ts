import { z } from 'zod';
import { ModelError } from './errors.js';

const id = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier');
const columnRef = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, 'must be dataset.column');

/**
 * The text of one part of the model in another language: the English stays in `label`,
 * `description` and `message`, which formulas, exports' formula names and older readers use;
 * each language may give its own (the interface falls back to the English one it lacks).
 */
const text = z.strictObject({
  label: z.string().max(500).optional(),
  description: z.string().max(5000).optional(),
  message: z.string().max(1000).optional(),
});
const translations = z.strictObject({ 'zh-CN': text.optional() }).optional();

export const DISTRIBUTION_KINDS = ['triangular', 'uniform', 'normal', 'lognormal'] as const;

const distribution = z.strictObject({
  kind: z.enum(DISTRIBUTION_KINDS),
  /** normal and lognormal: standard deviation (of the value, or of its log for lognormal). */
  sd: z.number().positive().optional(),
});

const dimension = z.strictObject({
  id,
  label: z.string(),
  /** Members listed in the definition (years are numbers). */
  members: z
    .array(z.union([z.number(), z.string()]))
    .min(1)
    .optional(),
  /** Or members taken from a dataset column, in order of first appearance. */
  from: columnRef.optional(),
  attributes: z.array(z.strictObject({ name: id, column: columnRef, unit: z.string() })).optional(),
  translations,
});

const input = z.strictObject({
  id: columnRef,
  dataset: id,
  column: id,
  /** Dimension id -> the dataset column holding its member. */
  dimensions: z.record(id, id),
  unit: z.string(),
});

const assumption = z.strictObject({
  id,
  label: z.string(),
  description: z.string(),
  group: id,
  default: z.number(),
  min: z.number(),
  max: z.number(),
  step: z.number().positive(),
  unit: z.string(),
  sources: z.array(z.string()),
  basis: z.string(),
  distribution,
  translations,
});

const variable = z.strictObject({
  id,
  label: z.string(),
  /** What the variable means and why it is computed so (absent in models before the Model view). */
  description: z.string().max(5000).optional(),
  unit: z.string(),
  dimensions: z.array(id),
  formula: z.string().min(1).max(10_000),
  translations,
});

/** A condition the model's numbers should meet in every cell; failing cells are listed, not hidden. */
const check = z.strictObject({
  id,
  label: z.string(),
  level: z.enum(['warning', 'error']),
  message: z.string(),
  dimensions: z.array(id),
  formula: z.string().min(1).max(10_000),
  translations,
});

const scenario = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string(),
  overrides: z.record(id, z.number()),
  translations,
});

export const modelDefinitionSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  /** Which release of the built-in model this definition is (absent: version 1, which did not say). */
  version: z.number().int().positive().optional(),
  dimensions: z.array(dimension).min(1),
  inputs: z.array(input),
  groups: z.array(z.strictObject({ id, label: z.string(), translations })),
  assumptions: z.array(assumption),
  variables: z.array(variable).min(1),
  outputs: z.array(id),
  scenarios: z.array(scenario),
  /** Model version 1 had none: absent is the same as none. */
  checks: z.array(check).optional(),
  translations,
});

export type ModelDefinition = z.output<typeof modelDefinitionSchema>;
export type DimensionDef = ModelDefinition['dimensions'][number];
export type AssumptionDef = ModelDefinition['assumptions'][number];
export type VariableDef = ModelDefinition['variables'][number];
export type ScenarioDef = ModelDefinition['scenarios'][number];
export type CheckDef = NonNullable<ModelDefinition['checks']>[number];
export type InputDef = ModelDefinition['inputs'][number];
export type Translations = NonNullable<z.output<typeof translations>>;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/** Reads a model definition from JSON text, with a message naming the first bad field. */
export function parseDefinition(json: string): ModelDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ModelError('definition', 'model definition', `not valid JSON (${(error as Error).message})`);
  }
  const parsed = modelDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw new ModelError('definition', `model definition ${path}`.trim(), issue?.message ?? 'invalid');
  }
  const def = parsed.data;
  for (const d of def.dimensions) {
    if (!d.members === !d.from) {
      throw new ModelError('definition', `dimension ${d.id}`, 'give either members or from, not both or neither');
    }
  }
  for (const a of def.assumptions) {
    if (!(a.min <= a.default && a.default <= a.max)) {
      throw new ModelError('definition', `assumption ${a.id}`, `default ${a.default} is outside ${a.min}..${a.max}`);
    }
  }
  return def;
}

/** The dimension `prev` steps along. */
export const TIME_DIM = 'year';

/** Dimension ids with the time dimension last, so arrays read like the spreadsheet: a row per member, a column per year. */
export function dimensionOrder(def: Pick<ModelDefinition, 'dimensions'>): string[] {
  const ids = def.dimensions.map((d) => d.id);
  return [...ids.filter((d) => d !== TIME_DIM), ...ids.filter((d) => d === TIME_DIM)];
}

/** Every dataset column a model reads, by dataset: dimension members, attributes, inputs and their keys. */
export function modelColumns(def: Pick<ModelDefinition, 'dimensions' | 'inputs'>): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  const add = (dataset: string, column: string) => {
    if (!dataset || !column) return;
    const set = reads.get(dataset) ?? new Set<string>();
    set.add(column);
    reads.set(dataset, set);
  };
  const addRef = (ref: string) => {
    const [dataset = '', column = ''] = ref.split('.');
    add(dataset, column);
  };
  for (const d of def.dimensions) {
    if (d.from) addRef(d.from);
    for (const a of d.attributes ?? []) addRef(a.column);
  }
  for (const i of def.inputs) {
    add(i.dataset, i.column);
    for (const column of Object.values(i.dimensions)) add(i.dataset, column);
  }
  return reads;
}

/** The datasets a model reads (for dimensions, attributes and inputs). */
export function modelDatasets(def: Pick<ModelDefinition, 'dimensions' | 'inputs'>): string[] {
  const names = new Set<string>();
  for (const d of def.dimensions) {
    if (d.from) names.add(d.from.split('.')[0] ?? '');
    for (const a of d.attributes ?? []) names.add(a.column.split('.')[0] ?? '');
  }
  for (const i of def.inputs) names.add(i.dataset);
  names.delete('');
  return [...names];
}

/**
 * The columns of a dataset that name a row for the model: the member columns of the inputs
 * read from it (buyer and year), or the column a dimension takes its members from (chip).
 */
export function modelKeyColumns(def: Pick<ModelDefinition, 'dimensions' | 'inputs'>, dataset: string): string[] {
  for (const input of def.inputs) if (input.dataset === dataset) return Object.values(input.dimensions);
  for (const d of def.dimensions) {
    const [ds, column] = (d.from ?? '').split('.');
    if (ds === dataset && column) return [column];
  }
  return [];
}
