import { type ModelDefinition, labelIn } from '../../../../shared/model/index.js';
import { type Locale, type Translate, unitIn } from '../../../../shared/i18n/index.js';
import type { ValueSummary } from '../../model-draft.js';

interface Now {
  /** An assumption's value on screen (the slider), by id. */
  assumption: (id: string) => number | null;
  /** A variable's values on screen, summed up at the year shown. */
  variable: (id: string) => ValueSummary | null;
  format: (value: number) => string;
}

/**
 * The hover card of a name in a formula: what it is, its label, unit and dimensions, and its
 * value on screen now, so an analyst reads a formula without leaving it.
 */
export function nameCard(
  def: ModelDefinition,
  name: string,
  now: Now,
  t: Translate,
  locale: Locale,
): { title: string; lines: string[] } | null {
  const dimLabel = (id: string) => {
    const d = def.dimensions.find((x) => x.id === id);
    return d ? labelIn(d, locale) : id;
  };
  const a = def.assumptions.find((x) => x.id === name);
  if (a) {
    const value = now.assumption(a.id);
    return {
      title: `${labelIn(a, locale)} (${t('model.kind.assumption')})`,
      lines: [
        t('model.unit', { unit: unitIn(a.unit, locale) }),
        t('model.range', { value: a.default, unit: unitIn(a.unit, locale), min: a.min, max: a.max }),
        ...(value === null ? [] : [t('model.hover.now', { value: now.format(value) })]),
      ],
    };
  }
  const v = def.variables.find((x) => x.id === name);
  if (v) {
    const s = now.variable(v.id);
    const dims = v.dimensions.map(dimLabel).join(t('model.listSep')) || t('model.nothing');
    const value =
      s === null
        ? []
        : s.kind === 'one'
          ? [
              s.year === null
                ? t('model.hover.now', { value: `${now.format(s.value)} ${unitIn(v.unit, locale)}` })
                : t('model.hover.valueAt', { value: `${now.format(s.value)} ${unitIn(v.unit, locale)}`, year: s.year }),
            ]
          : [
              t(s.year === null ? 'model.hover.range' : 'model.hover.rangeAt', {
                min: now.format(s.min),
                max: `${now.format(s.max)} ${unitIn(v.unit, locale)}`,
                year: s.year ?? '',
              }),
            ];
    return {
      title: `${labelIn(v, locale)} (${t('model.kind.variable')})`,
      lines: [t('model.unit', { unit: unitIn(v.unit, locale) }), t('model.dimensions', { dims }), ...value],
    };
  }
  const [dim, attribute] = name.split('.');
  const d = def.dimensions.find((x) => x.id === dim);
  if (d && attribute) {
    const at = d.attributes?.find((x) => x.name === attribute);
    if (!at) return null;
    return {
      title: `${labelIn(d, locale)} · ${attribute} (${t('model.kind.attribute')})`,
      lines: [
        ...(at.unit ? [t('model.unit', { unit: unitIn(at.unit, locale) })] : []),
        t('model.hover.column', { column: at.column }),
      ],
    };
  }
  if (d) return { title: `${labelIn(d, locale)} (${t('model.kind.dimension')})`, lines: [] };
  return null;
}
