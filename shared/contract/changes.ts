/**
 * What a write changed, so the window reloads only what depends on it. Every write reply
 * carries the change it made (`Reply.changed`) and the same change goes out as the `changed`
 * event to every window; `version` orders them, so a window that has applied a change from a
 * reply skips the event for it (and the other way round).
 */
export interface Changes {
  /** Another workbook is open (opened, made, renamed, upgraded): everything reloads. */
  workbook?: true;
  /** The folder's list of workbooks changed (one renamed or deleted). */
  folder?: true;
  /** Datasets added, removed or renamed, or their labels or columns changed. */
  catalog?: true;
  /** Datasets whose rows changed (names as they are after the change). */
  rows?: string[];
  /** Documents rewritten: `model`, `scenarios`, `vintage:NAME`… */
  documents?: string[];
}

export interface Changed {
  /** Increases by one per change the main process makes, across workbooks, for its lifetime. */
  version: number;
  changes: Changes;
}

export function isNoChange(c: Changes): boolean {
  return !c.workbook && !c.folder && !c.catalog && !c.rows?.length && !c.documents?.length;
}

/** Both changes at once (a request that made several writes). */
export function mergeChanges(a: Changes, b: Changes): Changes {
  const out: Changes = {};
  if (a.workbook || b.workbook) out.workbook = true;
  if (a.folder || b.folder) out.folder = true;
  if (a.catalog || b.catalog) out.catalog = true;
  const rows = [...new Set([...(a.rows ?? []), ...(b.rows ?? [])])];
  if (rows.length) out.rows = rows;
  const documents = [...new Set([...(a.documents ?? []), ...(b.documents ?? [])])];
  if (documents.length) out.documents = documents;
  return out;
}
