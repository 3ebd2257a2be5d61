import { appRoot } from './paths.js';
import { workbookFacts } from './facts.js';
import type { WorkbookStore } from './store/workbook-store.js';

/**
 * A link the window asks to open, as the URL to hand to the system browser, or null. Only
 * plain web links: http(s), no user name or password in them (a classic way to disguise
 * where a link goes), at most 2,000 characters.
 */
export function webLink(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2000) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password) return null;
  return parsed.toString();
}

/**
 * Whether the open workbook shows this link: a fact's source, or the source cell of a row of
 * a dataset. A page that has been tampered with can then open nothing the workbook does not
 * already cite.
 */
export async function workbookShowsLink(store: WorkbookStore, url: string): Promise<boolean> {
  const facts = await workbookFacts(store, appRoot());
  const same = (u: string) => webLink(u) === url;
  if (facts.some((f) => same(f.url))) return true;
  for (const dataset of await store.listDatasets()) {
    if (!dataset.columns.some((c) => c.name === 'source' && c.type === 'text')) continue;
    for (const value of [url, url.replace(/\/$/, '')]) {
      const page = await store.readRows({
        dataset: dataset.name,
        offset: 0,
        limit: 1,
        filter: [{ column: 'source', op: 'equals', value }],
      });
      if (page.rows.length > 0) return true;
    }
  }
  return false;
}

/** The URL to open for a link the window asked for, or null when it is not one the workbook shows. */
export async function linkToOpen(store: WorkbookStore | null, url: unknown): Promise<string | null> {
  const link = webLink(url);
  if (link === null || store === null) return null;
  return (await workbookShowsLink(store, link)) ? link : null;
}
