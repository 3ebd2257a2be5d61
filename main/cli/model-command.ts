import { MODEL_DOCUMENT } from '../../shared/contract/index.js';
import { parseDefinition } from '../../shared/model/index.js';
import { applyModel, checkProposedModel, readModelFile, renameModelItem } from '../services/model/edit.js';
import type { WorkbookStore } from '../services/store/workbook-store.js';
import { UsageError } from './args.js';

type Print = (text: string) => void;

/** The model as a person reviews it: dimensions, assumptions, variables with formulas, checks. */
export function describeModel(json: string): string {
  const def = parseDefinition(json);
  const lines = [`${def.name} (model version ${def.version})`, '', 'Dimensions:'];
  for (const d of def.dimensions) lines.push(`  ${d.id}: ${d.from ? `from ${d.from}` : (d.members ?? []).join(', ')}`);
  lines.push('', 'Assumptions:');
  for (const a of def.assumptions) lines.push(`  ${a.id} = ${a.default} ${a.unit} [${a.min}, ${a.max}]  ${a.label}`);
  lines.push('', 'Variables:');
  for (const v of def.variables) lines.push(`  ${v.id}[${v.dimensions.join(', ')}] (${v.unit}) = ${v.formula}`);
  lines.push('', 'Checks:');
  for (const c of def.checks ?? []) lines.push(`  ${c.id} (${c.level}): ${c.formula}`);
  lines.push('', `Outputs: ${def.outputs.join(', ')}`);
  return lines.join('\n');
}

function readModel(file: string | undefined): string {
  if (!file) throw new UsageError('give the model file: model check FILE.json or model apply FILE.json');
  return readModelFile(file, file);
}

/**
 * `model show [--json]`, `model check FILE.json`, `model apply FILE.json`: a model reviewed in
 * git, checked against the workbook's data, then applied all or nothing (as one undo step).
 * `model rename OLD NEW` renames an item everywhere it is used.
 */
export async function runModel(
  sub: string | undefined,
  args: string[],
  json: boolean,
  open: (readOnly: boolean) => Promise<WorkbookStore>,
  print: Print,
): Promise<number> {
  if (sub === 'rename') {
    const [from, to] = args;
    if (!from || !to) throw new UsageError('give the old and the new name: model rename OLD NEW');
    const store = await open(false);
    try {
      await renameModelItem(store, from, to);
      print(`Renamed ${from} to ${to} in ${store.path} (one undo step).`);
      return 0;
    } finally {
      await store.close();
    }
  }
  if (sub !== 'show' && sub !== 'check' && sub !== 'apply')
    throw new UsageError('model show | check FILE | apply FILE | rename OLD NEW');
  const file = args[0];
  const proposed = sub === 'show' ? '' : readModel(file);
  const store = await open(sub !== 'apply');
  try {
    if (sub === 'show') {
      const text = (await store.getDocument(MODEL_DOCUMENT)) ?? '';
      print(json ? text.trimEnd() : describeModel(text));
      return 0;
    }
    if (sub === 'check') {
      const { problem, problems } = await checkProposedModel(store, proposed);
      if (json) print(JSON.stringify({ ok: problem === null, problem, problems }, null, 2));
      else if (problem) print(problems.map((p) => `error: ${p.message}`).join('\n'));
      else print(`${file ?? ''}: the model is sound and runs on this workbook.`);
      return problem ? 1 : 0;
    }
    await applyModel(store, proposed);
    print(`Applied ${file ?? ''} to ${store.path} (one undo step).`);
    return 0;
  } finally {
    await store.close();
  }
}
