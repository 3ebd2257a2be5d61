import type { Locator } from '@playwright/test';

/**
 * Latin words a Chinese screen may show: brand and product names, units written the same in
 * both languages, file formats and the app's own name. Anything else in Latin letters is a
 * string that was not translated.
 */
const ALLOWED = new Set(
  (
    'Compute Gap Workbench Nvidia Huawei Ascend Cambricon AMD Alibaba Kunlunxin Hygon DCU PPU MLU SKUs ' +
    'HBM H100 H100e H200 H20 SMIC CXMT TFLOPS CNY USD PNG XLSX CSV English DuckDB AI Ctrl Alt Shift ' +
    'Excel xlsx TSV JSON Parquet UTF LE BE BOM'
  ).split(' '),
);

/**
 * The Latin words in a part of the page that are not on the allow-list: its visible text,
 * less data the analyst typed or the workbook holds (marked `data-i18n-skip`, such as a
 * vintage's note or a file path), formulas in `<code>` and `<pre>`, and whatever `skip` selects
 * (cells that show a dataset's members, which are data).
 */
export async function untranslatedWords(root: Locator, skip: string[] = []): Promise<string[]> {
  const text = await visibleText(root, skip);
  const words = text.match(/[A-Za-z][A-Za-z0-9_/]*[A-Za-z0-9]/g) ?? [];
  // Identifiers (buyer_capex, fx_cny_per_usd) are names in the model, the same in every language.
  return [...new Set(words.filter((w) => !ALLOWED.has(w) && !w.includes('_') && !/^[A-Z]{0,3}\d/.test(w)))];
}

/**
 * Chinese an English screen shows by mistake (a catalogue entry or a label in the wrong
 * language): the Han characters of the same visible text, with their neighbours for context.
 */
export async function chineseLeaks(root: Locator, skip: string[] = []): Promise<string[]> {
  const text = await visibleText(root, skip);
  return [...new Set(text.match(/.{0,12}\p{Script=Han}+.{0,12}/gu) ?? [])];
}

async function visibleText(root: Locator, skip: string[]): Promise<string> {
  return root.evaluate((el, extra) => {
    const clone = el.cloneNode(true) as HTMLElement;
    clone
      .querySelectorAll(['[data-i18n-skip]', 'code', 'pre', 'script', 'style', ...extra].join(', '))
      .forEach((n) => n.remove());
    // innerText needs layout: the clone is measured off screen for a moment.
    clone.style.position = 'absolute';
    clone.style.left = '-99999px';
    document.body.appendChild(clone);
    const out = clone.innerText;
    clone.remove();
    return out;
  }, skip);
}
