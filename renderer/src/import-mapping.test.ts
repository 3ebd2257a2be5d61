import { describe, expect, it } from 'vitest';
import type { ColumnMeta } from '../../shared/contract/index.js';
import { guessMapping } from './import-mapping.js';

const col = (name: string, label: string, unit = ''): ColumnMeta => ({
  id: 1,
  name,
  label,
  unit,
  type: 'text',
  description: '',
  role: 'data',
  choices: [],
});

const capex = [
  col('buyer', 'Buyer'),
  col('year', 'Year'),
  col('capex_cny_bn', 'Capex', 'bn CNY'),
  col('note', 'Note'),
  col('basis', 'Basis'),
  col('source', 'Source'),
];

describe('matching file headers to dataset columns', () => {
  it('"Capex" goes to "Capex (bn CNY)", by label without its unit', () => {
    const m = guessMapping(
      [
        { name: 'buyer', label: 'Buyer' },
        { name: 'year', label: 'Year' },
        { name: 'capex', label: 'Capex' },
      ],
      capex,
    );
    expect(m).toEqual({ buyer: 'buyer', year: 'year', capex: 'capex_cny_bn' });
  });

  it('matches the id or the label with its unit, in any case and punctuation', () => {
    const m = guessMapping(
      [
        { name: 'capex_bn_cny', label: 'CAPEX (bn CNY)' },
        { name: 'company', label: 'Company' },
      ],
      capex,
    );
    expect(m.capex_bn_cny).toBe('capex_cny_bn');
    expect(m.company).toBe(''); // nothing shared: left for the analyst, not guessed
  });

  it('uses each dataset column once, the closest header winning', () => {
    const m = guessMapping(
      [
        { name: 'capex_estimate', label: 'Capex estimate' },
        { name: 'capex', label: 'Capex' },
      ],
      capex,
    );
    expect(m.capex).toBe('capex_cny_bn');
    expect(m.capex_estimate).toBe('');
  });
});
