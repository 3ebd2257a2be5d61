import type { Db } from './db.js';

/** Marks a DuckDB file as one of ours, so an unrelated DuckDB file is not taken for a workbook. */
export const APP_MARKER = 'compute-gap-workbench';

/**
 * Schema migrations, applied in order inside one transaction. Index i moves a workbook from
 * version i to version i + 1. Never edit a shipped entry; append a new one.
 */
const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE _meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
    `CREATE TABLE _datasets (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, label VARCHAR NOT NULL,
       description VARCHAR NOT NULL, next_rid BIGINT NOT NULL, position INTEGER NOT NULL)`,
    `CREATE TABLE _columns (id INTEGER PRIMARY KEY, dataset_id INTEGER NOT NULL, name VARCHAR NOT NULL,
       label VARCHAR NOT NULL, type VARCHAR NOT NULL, unit VARCHAR NOT NULL, description VARCHAR NOT NULL,
       role VARCHAR NOT NULL, choices VARCHAR NOT NULL, position INTEGER NOT NULL)`,
    `CREATE TABLE _history (seq INTEGER PRIMARY KEY, label VARCHAR NOT NULL, dataset_id INTEGER,
       forward VARCHAR NOT NULL, backward VARCHAR NOT NULL, undone BOOLEAN NOT NULL, edited_at TIMESTAMP NOT NULL)`,
    `CREATE TABLE _documents (name VARCHAR PRIMARY KEY, body VARCHAR NOT NULL)`,
  ],
  // Labels and descriptions in other languages (JSON: {"zh-CN": {"label", "description"}}).
  [
    `ALTER TABLE _datasets ADD COLUMN translations VARCHAR DEFAULT '{}'`,
    `ALTER TABLE _columns ADD COLUMN translations VARCHAR DEFAULT '{}'`,
  ],
];

export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

export async function readSchemaVersion(db: Db): Promise<{ marker: string | null; version: number } | null> {
  const tables = await db.all(`SELECT table_name FROM information_schema.tables WHERE table_name = '_meta'`);
  if (tables.length === 0) return null;
  const rows = await db.all(`SELECT key, value FROM _meta WHERE key IN ('app', 'schema_version')`);
  const map = new Map(rows.map((r) => [String(r[0]), String(r[1])]));
  return { marker: map.get('app') ?? null, version: Number(map.get('schema_version') ?? 0) };
}

/** Brings a workbook up to the current version. Caller holds the connection exclusively. */
export async function migrate(db: Db, from: number): Promise<void> {
  if (from >= CURRENT_SCHEMA_VERSION) return;
  await db.tx(async () => {
    for (let v = from; v < CURRENT_SCHEMA_VERSION; v++) {
      for (const statement of MIGRATIONS[v] ?? []) await db.run(statement);
    }
    await db.run(`INSERT OR REPLACE INTO _meta VALUES ('app', ?)`, [APP_MARKER]);
    await db.run(`INSERT OR REPLACE INTO _meta VALUES ('schema_version', ?)`, [String(CURRENT_SCHEMA_VERSION)]);
  });
}
