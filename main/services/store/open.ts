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
    return AppError.of('WORKBOOK_LOCKED', { key: 'mainError.locked', params: { file } }, { path });
  }
  if (/not a valid DuckDB database|invalid DuckDB|not a DuckDB/i.test(text)) {
    return AppError.of('NOT_A_WORKBOOK', { key: 'mainError.notWorkbook', params: { file } }, { path });
  }
  if (/permission|read-only|EACCES|EROFS/i.test(text)) {
    return AppError.of('READ_ONLY', { key: 'mainError.cannotWriteFile', params: { file, reason: text } }, { path });
  }
  return AppError.of('WORKBOOK_CORRUPT', { key: 'mainError.corrupt', params: { file, reason: text } }, { path });
}

/**
 * Opens an existing workbook. It is inspected read-only first, so a file that is not ours,
 * is damaged or comes from a newer version is refused without a single byte written.
 */
export async function openExisting(path: string, options: { readOnly?: boolean; readers?: number } = {}): Promise<Db> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw AppError.of('NOT_FOUND', { key: 'mainError.noWorkbookAt', params: { path } }, { path });
  }
  let version: number;
  let probe: Db | null = null;
  try {
    probe = await Db.open(path, true, { readers: 0 });
    const found = await readSchemaVersion(probe);
    if (!found || found.marker !== APP_MARKER) {
      throw AppError.of(
        'NOT_A_WORKBOOK',
        { key: 'mainError.databaseNotWorkbook', params: { file: basename(path) } },
        { path },
      );
    }
    version = found.version;
  } catch (error) {
    await probe?.close();
    throw classifyOpenError(path, error);
  }
  if (options.readOnly && version === CURRENT_SCHEMA_VERSION) return probe;
  await probe.close();
  if (version > CURRENT_SCHEMA_VERSION) {
    throw AppError.of(
      'WORKBOOK_TOO_NEW',
      {
        key: 'mainError.tooNew',
        params: { file: basename(path), version: String(version), max: String(CURRENT_SCHEMA_VERSION) },
      },
      { path, version },
    );
  }
  // A file nobody may write is refused before it is opened for writing. The mode bits are read
  // rather than trying a write, because an administrator (or CI, as root) could write anyway.
  if ((statSync(path).mode & 0o222) === 0) {
    throw AppError.of('READ_ONLY', { key: 'mainError.readOnly', params: { file: basename(path) } }, { path });
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
  if (existsSync(path)) throw AppError.of('CONFLICT', { key: 'mainError.exists', params: { path } }, { path });
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
