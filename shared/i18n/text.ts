import { type Locale, isLocale } from './catalogue.js';
import type { MessageKey } from './en.js';
import { en } from './en.js';
import { translate } from './index.js';

/**
 * A sentence as data: a catalogue key and its parameters, which may be sentences themselves
 * ("{dataset}, {where}, column {column}: {reason}." with the row and the reason as keys too).
 * The main process sends these across the boundary; each window words them in its language.
 */
export interface Text {
  key: MessageKey;
  params?: Readonly<Record<string, string | number | Text | Words>>;
}

/**
 * A name the workbook holds in more than one language (a dataset's or column's label): each
 * window picks its own, English where the workbook has no other.
 */
export interface Words {
  words: { en: string } & { readonly [L in Exclude<Locale, 'en'>]?: string };
}

function isWords(v: unknown): v is Words {
  if (typeof v !== 'object' || v === null || !('words' in v)) return false;
  const { words } = v;
  if (typeof words !== 'object' || words === null) return false;
  const entries = Object.entries(words);
  return (
    typeof (words as { en?: unknown }).en === 'string' &&
    entries.every(([k, w]) => isLocale(k) && typeof w === 'string')
  );
}

export function isMessageKey(v: unknown): v is MessageKey {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(en, v);
}

/** A Text that came over the wire: every key known to this catalogue, parameters plain or Texts. */
export function isText(v: unknown): v is Text {
  if (typeof v !== 'object' || v === null) return false;
  const { key, params } = v as { key?: unknown; params?: unknown };
  if (!isMessageKey(key)) return false;
  if (params === undefined) return true;
  if (typeof params !== 'object' || params === null) return false;
  return Object.values(params).every((p) => typeof p === 'string' || typeof p === 'number' || isWords(p) || isText(p));
}

export function textIn(locale: Locale, text: Text): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    params[name] =
      typeof value !== 'object'
        ? value
        : 'words' in value
          ? (value.words[locale] ?? value.words.en)
          : textIn(locale, value);
  }
  return translate(locale, text.key, params);
}
