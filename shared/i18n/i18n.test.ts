import { describe, expect, it } from 'vitest';
import type { Message } from './catalogue.js';
import { MESSAGE_KEYS, type Text, en, isText, pickLocale, textIn, translate, zhCN } from './index.js';

const placeholders = (m: Message): string[] =>
  [...new Set((typeof m === 'string' ? [m] : [m.other, m.one ?? '']).flatMap((s) => s.match(/\{\w+\}/g) ?? []))].sort();

describe('the message catalogues', () => {
  it('give every English key a Chinese text with the same placeholders and the same kind (text or plural)', () => {
    const zh: Record<string, Message | undefined> = zhCN;
    const missing = MESSAGE_KEYS.filter((k) => zh[k] === undefined);
    expect(missing).toEqual([]);
    expect(Object.keys(zhCN).sort()).toEqual([...MESSAGE_KEYS].sort());
    for (const key of MESSAGE_KEYS) {
      const a = en[key];
      const b = zhCN[key];
      expect(typeof b, key).toBe(typeof a);
      expect(placeholders(b), key).toEqual(placeholders(a));
      expect(typeof b === 'string' ? b : b.other, key).not.toBe('');
    }
  });

  it('Chinese texts are Chinese: any that has words has a Han character (punctuation or placeholders alone are fine)', () => {
    const han = /\p{Script=Han}/u;
    // The product's name is the same in every language.
    const sameEverywhere = new Set(['app.brand']);
    const english = MESSAGE_KEYS.filter((k) => {
      if (sameEverywhere.has(k)) return false;
      const m = zhCN[k];
      const text = (typeof m === 'string' ? m : m.other).replace(/\{\w+\}/g, '');
      return /[A-Za-z]/.test(text) ? !han.test(text) : !/^[\p{P}\s]*$/u.test(text) && !han.test(text);
    });
    expect(english).toEqual([]);
  });
});

describe('translate', () => {
  it('fills placeholders, formats numbers for the language and leaves years without separators', () => {
    expect(translate('en', 'status.rowsFiltered', { dataset: 'chips', shown: 1234, total: 56789 })).toBe(
      'chips: 1,234 of 56,789 rows shown (filtered)',
    );
    expect(translate('zh-CN', 'whatif.chart.buyers', { year: 2026, unit: '亿元' })).toBe('2026 年各买方缺口（亿元）');
    expect(translate('en', 'whatif.chart.buyers', { year: 2026, unit: 'bn CNY' })).toBe(
      'Shortfall by buyer in 2026 (bn CNY)',
    );
  });

  it('picks the plural form the language uses', () => {
    expect(translate('en', 'status.rows', { dataset: 'd', count: 1 })).toBe('d: 1 row');
    expect(translate('en', 'status.rows', { dataset: 'd', count: 12000 })).toBe('d: 12,000 rows');
    expect(translate('zh-CN', 'status.rows', { dataset: 'd', count: 1 })).toBe('d：1 行');
    expect(translate('zh-CN', 'status.rows', { dataset: 'd', count: 12000 })).toBe('d：12,000 行');
  });
});

describe('pickLocale', () => {
  it('follows the first language it has, Chinese for any zh tag, English otherwise', () => {
    expect(pickLocale(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLocale(['zh-TW'])).toBe('zh-CN');
    expect(pickLocale(['zh'])).toBe('zh-CN');
    expect(pickLocale(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale(['fr-FR'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});

describe('sentences as data', () => {
  it('word a name the workbook holds in two languages in each window, and refuse malformed ones', () => {
    const text: Text = {
      key: 'mainError.noColumn',
      params: { dataset: { words: { en: 'Chips', 'zh-CN': '芯片' } }, column: 'tflops' },
    };
    expect(textIn('en', text)).toBe('Dataset "Chips" has no column "tflops".');
    expect(textIn('zh-CN', text)).toBe('数据集“芯片”没有列“tflops”。');
    // Sent over the wire: only known languages, strings only, English always there.
    expect(isText(JSON.parse(JSON.stringify(text)))).toBe(true);
    expect(isText({ key: 'mainError.noColumn', params: { dataset: { words: { fr: 'Puces', en: 'Chips' } } } })).toBe(
      false,
    );
    expect(isText({ key: 'mainError.noColumn', params: { dataset: { words: { 'zh-CN': '芯片' } } } })).toBe(false);
    expect(isText({ key: 'mainError.noColumn', params: { dataset: { words: { en: 1 } } } })).toBe(false);
    expect(isText({ key: 'no.such.key' })).toBe(false);
  });
});
