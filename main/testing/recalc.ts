import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../services/csv.js';

const run = promisify(execFile);

/** LibreOffice keeps cached values unless told to recalculate on load: a fresh profile that says "always". */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function libreOfficeAvailable(): Promise<boolean> {
  return run('soffice', ['--version'], { timeout: 60_000 }).then(
    () => true,
    () => false,
  );
}

/**
 * Opens xlsx files in one headless LibreOffice run, recalculates every formula and returns
 * each sheet's cells as text (full precision, not as formatted), by file, then sheet name.
 */
export async function recalculateMany(
  files: string[],
  sheetNames: string[],
): Promise<Map<string, Map<string, string[][]>>> {
  const work = mkdtempSync(join(tmpdir(), 'cgw-lo-'));
  try {
    const profile = join(work, 'profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
    const out = join(work, 'out');
    mkdirSync(out);
    // Tokens: comma, double quote, UTF-8, from line 1, default formats, language, quoted as text off,
    // detect numbers on, save as shown OFF (full precision), formulas off, trim off, all sheets (-1).
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
    await run(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', out, ...files],
      {
        timeout: 600_000,
      },
    );
    const written = readdirSync(out);
    const result = new Map<string, Map<string, string[][]>>();
    for (const file of files) {
      const stem = basename(file).replace(/\.xlsx$/i, '');
      const sheets = new Map<string, string[][]>();
      for (const name of sheetNames) {
        if (written.includes(`${stem}-${name}.csv`))
          sheets.set(name, parseCsv(readFileSync(join(out, `${stem}-${name}.csv`), 'utf8')));
      }
      if (sheets.size === 0) throw new Error(`LibreOffice wrote no sheets for ${file} (files: ${written.join(', ')})`);
      result.set(file, sheets);
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function recalculate(xlsx: string, sheetNames: string[]): Promise<Map<string, string[][]>> {
  return (await recalculateMany([xlsx], sheetNames)).get(xlsx) ?? new Map();
}

/** A recalculated cell as a number: LibreOffice keeps the percent sign of share cells. */
export function cellNumber(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  const t = text.trim();
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}
