import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/index.js';
import { Db } from './db.js';
import { APP_MARKER, CURRENT_SCHEMA_VERSION, migrate, readSchemaVersion } from './migrations.js';

/** Turns DuckDB's open errors into messages that name the file and say what to do. */
export function classifyOpenError(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const file = basename(path);
  if (/lock/i.test(text)) {
    return new AppError('WORKBOOK_LOCKED', `${file} is open in another program; close it there first.`, { path });
  }
  if (/not a valid DuckDB database|invalid DuckDB|not a DuckDB/i.test(text)) {
    return new AppError('NOT_A_WORKBOOK', `${file} is not a workbook file.`, { path });
  }
  if (/permission|read-only|EACCES|EROFS/i.test(text)) {
    return new AppError('READ_ONLY', `${file} cannot be written: ${text}`, { path });
  }
  return new AppError('WORKBOOK_CORRUPT', `${file} could not be read; it may be damaged. (${text})`, { path });
}

/**
 * Opens an existing workbook. It is inspected read-only first, so a file that is not ours,
 * is damaged or comes from a newer version is refused without a single byte written.
 */
export async function openExisting(path: string, options: { readOnly?: boolean; readers?: number } = {}): Promise<Db> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new AppError('NOT_FOUND', `No workbook at ${path}.`, { path });
  }
  let version: number;
  let probe: Db | null = null;
  try {
    probe = await Db.open(path, true, { readers: 0 });
    const found = await readSchemaVersion(probe);
    if (!found || found.marker !== APP_MARKER) {
      throw new AppError('NOT_A_WORKBOOK', `${basename(path)} is a database but not a workbook.`, { path });
    }
    version = found.version;
  } catch (error) {
    await probe?.close();
    throw classifyOpenError(path, error);
  }
  if (options.readOnly && version === CURRENT_SCHEMA_VERSION) return probe;
  await probe.close();
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new AppError(
      'WORKBOOK_TOO_NEW',
      `${basename(path)} was saved by a newer version of the workbench (format ${version}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Update the workbench to open it.`,
      { path, version },
    );
  }
  // A file nobody may write is refused before it is opened for writing. The mode bits are read
  // rather than trying a write, because an administrator (or CI, as root) could write anyway.
  if ((statSync(path).mode & 0o222) === 0) {
    throw new AppError(
      'READ_ONLY',
      `${basename(path)} is read-only; it was left as it is. Copy it to a folder you can write to, or clear its read-only flag, then open it again.`,
      { path },
    );
  }
  let db: Db;
  try {
    db = await Db.open(path, false, options.readers === undefined ? {} : { readers: options.readers });
  } catch (error) {
    throw classifyOpenError(path, error);
  }
  try {
    await db.exclusive(() => migrate(db, version));
  } catch (error) {
    await db.close();
    throw classifyOpenError(path, error);
  }
  return db;
}

/** Creates a new, empty workbook file; refuses to overwrite anything. */
export async function createNew(path: string): Promise<Db> {
  if (existsSync(path)) throw new AppError('CONFLICT', `${path} already exists.`, { path });
  let db: Db;
  try {
    db = await Db.open(path, false);
  } catch (error) {
    throw classifyOpenError(path, error);
  }
  try {
    await db.exclusive(() => migrate(db, 0));
  } catch (error) {
    await db.close();
    throw classifyOpenError(path, error);
  }
  return db;
}
