import { type Locale, isLocale } from '../../shared/i18n/index.js';
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  compute     [--vintage NAME] [--scenario NAME] [--set id=value ...] [--all] [--json]
  montecarlo  --draws N --seed S [--vintage NAME] [--scenario NAME] [--set id=value ...] [--json]
  tornado     --output ID --year Y [--member dim=M] [--vintage NAME] [--scenario NAME] [--json]
  goalseek    --assumption ID --output ID --year Y --target X [--member dim=M] [--vintage NAME] [--scenario NAME] [--json]
  attribute   --output ID --year Y [--member dim=M]
              (--from-vintage A --to-vintage B [--scenario NAME] | --from-scenario A --to-scenario B [--vintage NAME]) [--json]
              (what moved one output cell: exact Shapley values over the assumptions and datasets that differ)
  vintages    [--json]   (the dated, read-only copies of the inputs this workbook keeps)
  snapshot    --name NAME [--note TEXT] [--date YYYY-MM-DD]   (a new vintage of the inputs as they are now)
  upgrade     (a workbook made by an older built-in model adopts the current one: its inputs are kept
              as a vintage, its scenarios where their assumptions still exist, a whole copy beside it)
  export      --out FILE.xlsx [--vintage NAME] [--scenario NAME] [--set id=value ...] [--values-only]
              [--money 'bn CNY'|'100m CNY'|'bn USD'] [--lang en|zh-CN]
              (money on the Outputs sheet, 100m CNY is 亿元; the chart pictures' language)
  export-dataset --dataset NAME --out FILE.csv|FILE.xlsx [--encoding utf-8|gb18030] [--lang en|zh-CN]
              (columns headed by their labels; CSV in UTF-8 with a byte-order mark unless gb18030)
  model       show [--json] | check FILE.json [--json] | apply FILE.json | rename OLD NEW
              (the model as text or JSON; a proposed model checked against this workbook's data, with
              positioned messages; applied all or nothing as one undo step; a rename rewrites the
              formulas, scenarios and vintages that use the name)
  import      FILE --dataset NAME [--mode new|append|replace] [--delimiter ,|;|tab|'|'] [--encoding auto|utf-8|gb18030|utf-16le|utf-16be]
              [--sheet NAME] [--header-row N] [--allow-duplicate-keys]
              (XLSX, CSV, TSV, JSON or Parquet; all or nothing; a missing --workbook file is created)

Every command takes --lang en|zh-CN: error messages (and an export's words) in that language.
Every command takes --workbook FILE; without it, the built-in workbook in the data folder
(made from the template on first use). Scenario names are as the app shows them, e.g. "Import ban".
Without --vintage, commands run on the workbook's working data; with it, on that vintage's rows
and assumption defaults (scenarios apply on top).`;

export function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      workbook: { type: 'string' },
      scenario: { type: 'string' },
      set: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      draws: { type: 'string' },
      seed: { type: 'string' },
      output: { type: 'string' },
      year: { type: 'string' },
      member: { type: 'string', multiple: true },
      assumption: { type: 'string' },
      target: { type: 'string' },
      out: { type: 'string' },
      'values-only': { type: 'boolean', default: false },
      money: { type: 'string' },
      lang: { type: 'string' },
      dataset: { type: 'string' },
      mode: { type: 'string' },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      'allow-duplicate-keys': { type: 'boolean', default: false },
      'from-scenario': { type: 'string' },
      'to-scenario': { type: 'string' },
      vintage: { type: 'string' },
      'from-vintage': { type: 'string' },
      'to-vintage': { type: 'string' },
      name: { type: 'string' },
      note: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { command: positionals[0] ?? '', rest: positionals.slice(1), values };
}

export function number(
  name: string,
  text: string | undefined,
  opts: { integer?: boolean; min?: number; max?: number } = {},
): number {
  if (text === undefined) throw new UsageError(`--${name} is required`);
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${opts.integer ? 'a whole number' : 'a number'}, not "${text}"`);
  }
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${name} must be at least ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) {
    throw new UsageError(`--${name} must be at most ${opts.max.toLocaleString('en-US')}`);
  }
  return n;
}

export function required(name: string, text: string | undefined): string {
  if (text === undefined || text === '') throw new UsageError(`--${name} is required`);
  return text;
}

/** `--set id=value` pairs. */
export function settings(pairs: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(pair);
    if (!m?.[1] || m[2] === undefined) throw new UsageError(`--set takes id=value, not "${pair}"`);
    out[m[1]] = number(`set ${m[1]}`, m[2]);
  }
  return out;
}

/** `--member dim=Member` pairs, for outputs that vary by more than year. */
export function members(pairs: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--member takes dimension=member, not "${pair}"`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/**
 * The language asked for with --lang, read before the rest of the arguments so that even an
 * error in them is worded in it; English when absent or unknown.
 */
export function cliLocale(argv: string[]): Locale {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
  return isLocale(value) ? value : 'en';
}
