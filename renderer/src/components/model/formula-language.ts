import { HighlightStyle, StreamLanguage } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/**
 * The model language for the editor's colours: numbers, strings, names, `dimension.attribute`,
 * operators and the `=`/`<>` comparisons. Only colouring: the checker (shared/model) is what
 * decides whether a formula is right, and its errors are shown as diagnostics.
 */
export const formulaLanguage = StreamLanguage.define<null>({
  name: 'model-formula',
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match(/^\d+(\.\d+)?([eE][-+]?\d+)?/)) return 'number';
    if (stream.match(/^"[^"]*"?/)) return 'string';
    if (stream.match(/^[A-Za-z_][\w]*(?=\s*\()/)) return 'variableName.function';
    if (stream.match(/^[A-Za-z_][\w]*\.[A-Za-z_][\w]*/)) return 'propertyName';
    if (stream.match(/^(and|or|not)\b/)) return 'keyword';
    if (stream.match(/^[A-Za-z_][\w]*/)) return 'variableName';
    if (stream.match(/^(<>|<=|>=|[-+*/^=<>(),])/)) return 'operator';
    stream.next();
    return null;
  },
});

/** Colours that read on the light and the dark theme (the page's own variables). */
export const formulaHighlight = HighlightStyle.define([
  { tag: tags.number, color: 'var(--accent)' },
  { tag: tags.string, color: 'var(--ok-ink)' },
  { tag: tags.function(tags.variableName), fontWeight: '600' },
  { tag: tags.propertyName, fontStyle: 'italic' },
  { tag: tags.keyword, fontWeight: '600' },
  { tag: tags.operator, color: 'var(--muted)' },
]);
