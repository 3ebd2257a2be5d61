import { useState } from 'react';
import { type ModelDefinition, labelIn } from '../../../../shared/model/index.js';
import { useLocale, useT } from '../../language.js';

interface Props {
  def: ModelDefinition;
  selected: string | null;
  onPick: (id: string) => void;
  /** The buttons above the list (add, diff, files). */
  children: React.ReactNode;
}

/** Every assumption, variable and check, searchable by id, label or formula; the search stays in view. */
export function ItemList({ def, selected, onPick, children }: Props) {
  const t = useT();
  const locale = useLocale();
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const matches = (id: string, label: string, formula = '') =>
    q === '' || id.toLowerCase().includes(q) || label.toLowerCase().includes(q) || formula.toLowerCase().includes(q);
  const item = (id: string, label: string) => (
    <li key={id}>
      <button type="button" aria-current={selected === id} onClick={() => onPick(id)}>
        <span>{label}</span> <code>{id}</code>
      </button>
    </li>
  );
  return (
    <nav className="model-items" aria-label={t('model.items')}>
      <div className="model-items-tools">
        <input
          type="search"
          aria-label={t('model.search')}
          placeholder={t('model.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {children}
      </div>
      <h3>{t('model.dimensionsHeading')}</h3>
      <ul>
        {def.dimensions.filter((d) => matches(d.id, labelIn(d, locale))).map((d) => item(d.id, labelIn(d, locale)))}
      </ul>
      <h3>{t('model.assumptions')}</h3>
      {/* By group, as the sliders are; an assumption whose group the model does not list comes last. */}
      {[...def.groups, { id: '', label: '' }].map((g) => {
        const inGroup = def.assumptions.filter(
          (a) =>
            (g.id === '' ? !def.groups.some((x) => x.id === a.group) : a.group === g.id) &&
            matches(a.id, labelIn(a, locale)),
        );
        if (inGroup.length === 0) return null;
        return (
          <div key={g.id} className="model-group">
            {g.id && <h4>{labelIn(g, locale)}</h4>}
            <ul>{inGroup.map((a) => item(a.id, labelIn(a, locale)))}</ul>
          </div>
        );
      })}
      <h3>{t('model.variables')}</h3>
      <ul>
        {def.variables
          .filter((v) => matches(v.id, labelIn(v, locale), v.formula))
          .map((v) => item(v.id, labelIn(v, locale)))}
      </ul>
      <h3>{t('model.checks')}</h3>
      <ul>
        {(def.checks ?? [])
          .filter((c) => matches(c.id, labelIn(c, locale), c.formula))
          .map((c) => item(c.id, labelIn(c, locale)))}
      </ul>
    </nav>
  );
}
