import { z } from 'zod';
import { AppError, type Vintage, type VintageSummary, type VintagesReply } from '../../shared/contract/index.js';
import { defaultsOf, renamedKeys } from '../../shared/model/index.js';
import { readDefinition } from './model/load.js';
import type { WorkbookStore } from './store/workbook-store.js';

/** Each vintage is one document, `vintage:NAME`, written once and never edited. */
const PREFIX = 'vintage:';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const storedSchema = z.object({
  name: z.string(),
  date: z.string(),
  note: z.string(),
  taken: z.string(),
  modelVersion: z.number(),
  assumptions: z.record(z.string(), z.number()),
  datasets: z.record(z.string(), z.object({ rows: z.array(z.record(z.string(), cell)) })),
});

function summaryOf(v: Vintage): VintageSummary {
  const rows = Object.values(v.datasets).reduce((n, d) => n + d.rows.length, 0);
  return { name: v.name, date: v.date, note: v.note, taken: v.taken, modelVersion: v.modelVersion, rows };
}

/** Newest first: an analyst compares "latest against the one before". */
const byDate = (a: VintageSummary, b: VintageSummary) =>
  b.date.localeCompare(a.date) || b.taken.localeCompare(a.taken) || a.name.localeCompare(b.name);

const today = () => new Date().toISOString().slice(0, 10);

export interface SnapshotOptions {
  note?: string | undefined;
  date?: string | undefined;
  /** Changes applied to the copy before it is stored (the built-in earlier vintage). */
  alter?: (v: Vintage) => Vintage;
}

/** A stored vintage's text read and checked: refused, naming it, when it is not JSON or not a vintage. */
function parseVintage(name: string, json: string): { raw: object; vintage: Vintage } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw AppError.of('WORKBOOK_CORRUPT', { key: 'vintageError.unreadable', params: { name } });
  }
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) throw AppError.of('WORKBOOK_CORRUPT', { key: 'vintageError.damaged', params: { name } });
  return { raw: raw as object, vintage: parsed.data };
}

/**
 * The documents of the vintages that set assumption `from`, with the key renamed to `to`: a
 * vintage keeps its numbers as taken, under the name the model now gives the assumption, so
 * comparing it with today still lines up. Vintages that do not mention it are left out.
 */
export async function vintagesRenamed(
  store: WorkbookStore,
  from: string,
  to: string,
): Promise<{ name: string; body: string }[]> {
  const out: { name: string; body: string }[] = [];
  for (const doc of await store.documentNames(PREFIX)) {
    const json = await store.getDocument(doc);
    if (json === null) continue;
    const { raw, vintage } = parseVintage(doc.slice(PREFIX.length), json);
    if (!Object.prototype.hasOwnProperty.call(vintage.assumptions, from)) continue;
    // The stored text's other fields are kept as they were; only the key changes.
    out.push({ name: doc, body: JSON.stringify({ ...raw, assumptions: renamedKeys(vintage.assumptions, from, to) }) });
  }
  return out;
}

/** Vintages: dated, read-only copies of every dataset's rows and every assumption's default. */
export class VintageService {
  constructor(private readonly store: WorkbookStore) {}

  private async read(name: string): Promise<Vintage | null> {
    const json = await this.store.getDocument(PREFIX + name);
    return json === null ? null : parseVintage(name, json).vintage;
  }

  async list(): Promise<VintageSummary[]> {
    const names = await this.store.documentNames(PREFIX);
    const all: VintageSummary[] = [];
    for (const doc of names) {
      const v = await this.read(doc.slice(PREFIX.length));
      if (v) all.push(summaryOf(v));
    }
    return all.sort(byDate);
  }

  async get(name: string): Promise<Vintage> {
    const v = await this.read(name);
    if (!v) throw AppError.of('NOT_FOUND', { key: 'vintageError.notFound', params: { name } }, { name });
    return v;
  }

  /** A vintage of the workbook as it is now: every dataset's rows, every assumption's default. */
  async snapshot(name: string, options: SnapshotOptions = {}): Promise<VintagesReply> {
    const def = await readDefinition(this.store);
    const assumptions = defaultsOf(def);
    const date = options.date ?? today();
    if (Number.isNaN(Date.parse(date)))
      throw AppError.of('BAD_REQUEST', { key: 'vintageError.notDate', params: { date } });
    await this.store.snapshotDocument(PREFIX + name, (rows) => {
      let v: Vintage = {
        name,
        date,
        note: options.note ?? '',
        taken: new Date().toISOString(),
        modelVersion: def.version ?? 1,
        assumptions,
        datasets: Object.fromEntries(Object.entries(rows).map(([d, r]) => [d, { rows: r }])),
      };
      if (options.alter) v = options.alter(v);
      return JSON.stringify(v);
    });
    return { vintages: await this.list(), info: await this.store.info() };
  }

  async remove(name: string): Promise<VintagesReply> {
    if (!(await this.store.deleteDocument(PREFIX + name)))
      throw AppError.of('NOT_FOUND', { key: 'vintageError.notFound', params: { name } }, { name });
    return { vintages: await this.list(), info: await this.store.info() };
  }
}
