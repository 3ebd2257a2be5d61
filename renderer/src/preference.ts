/**
 * A preference of this computer, not of a workbook (theme, language), kept in the window's
 * storage. A stale or hostile stored value reads as `fallback`; storage that refuses (a private
 * window) keeps the choice for this session only.
 */
export function storedPreference<T extends string>(key: string, valid: (v: unknown) => v is T, fallback: T): T {
  try {
    const v = window.localStorage.getItem(key);
    return valid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

export function savePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage refused: the choice lasts for this session only.
  }
}
