import { useMemo } from 'react';
import type { DatasetMeta } from '../../shared/contract/index.js';
import type { Locale } from '../../shared/i18n/index.js';
import { descriptionIn, labelIn } from '../../shared/model/index.js';
import { useLocale } from './language.js';
import { useApp } from './state/context.js';

/**
 * Datasets as a reader of `locale` sees them: each dataset's and column's label and description
 * in that language where the workbook has it (the built-in datasets ship Chinese), else as
 * stored. Names (what formulas use) never change.
 */
export function datasetsIn(datasets: readonly DatasetMeta[], locale: Locale): DatasetMeta[] {
  if (locale === 'en') return [...datasets];
  return datasets.map((d) => ({
    ...d,
    label: labelIn(d, locale),
    description: descriptionIn(d, locale),
    columns: d.columns.map((c) => ({ ...c, label: labelIn(c, locale), description: descriptionIn(c, locale) })),
  }));
}

/** The workbook's datasets in the window's language (made once per change of either). */
export function useDatasets(): DatasetMeta[] {
  const datasets = useApp((s) => s.datasets);
  const locale = useLocale();
  return useMemo(() => datasetsIn(datasets, locale), [datasets, locale]);
}
