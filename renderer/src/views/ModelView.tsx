import { useMemo, useState } from 'react';
import { type ModelDefinition, labelIn } from '../../../shared/model/index.js';
import { unitIn } from '../../../shared/i18n/index.js';
import { FormulaEditor } from '../components/model/FormulaEditor.js';
import { NewAssumptionForm } from '../components/model/NewAssumptionForm.js';
import { useLocale, useT } from '../language.js';
import { checkDraft, namesIn, namesInScope, problemItem, withFormula, withoutItem } from '../model-draft.js';
import { ModelDiff } from '../components/model/ModelDiff.js';
import { useApp } from '../state/context.js';

/** "Uses: a, b" or "Used by: c": each id a link to its item, "nothing" when there is none. */
function ItemLinks({ title, ids, onPick }: { title: string; ids: string[]; onPick: (id: string) => void }) {
  const t = useT();
  return (
    <p>
      <strong>{title}:</strong>{' '}
      {ids.length === 0
        ? t('model.nothing')
        : ids.map((id) => (
            <button key={id} type="button" className="link" onClick={() => onPick(id)}>
              {id}
            </button>
          ))}
    </p>
  );
}

/**
 * The model in the analyst's hands: every assumption, variable and check, searchable; a
 * variable's or check's formula in a code editor checked as they type (the error underlined
 * where it is, the last valid model still running), applied as one undo step.
 */
export function ModelView() {
  const t = useT();
  const locale = useLocale();
  const working = useApp((s) => s.working);
  const applyModel = useApp((s) => s.applyModel);
  const notify = useApp((s) => s.notify);
  const [query, setQuery] = useState('');
  const draft = useApp((s) => s.modelDraft);
  const setDraft = useApp((s) => s.setModelDraft);
  // Opens on the item being edited, if one is: a half-typed formula survives a tab switch.
  const [selected, setSelected] = useState<string | null>(() => draft?.id ?? null);
  const [adding, setAdding] = useState(false);
  const [showDiff, setShowDiff] = useState(false);
  const askConfirm = useApp((s) => s.askConfirm);
  const def = working?.def ?? null;

  const proposed: ModelDefinition | null = useMemo(
    () => (def && draft ? withFormula(def, draft.id, draft.formula) : null),
    [def, draft],
  );
  const problem = useMemo(
    () => (proposed && working ? checkDraft(proposed, working.tables) : null),
    [proposed, working],
  );
  const completions = useMemo(() => (def ? namesInScope(def, (item) => labelIn(item, locale)) : []), [def, locale]);
  if (!def) return null;

  const q = query.trim().toLowerCase();
  const matches = (id: string, label: string, formula = '') =>
    q === '' || id.toLowerCase().includes(q) || label.toLowerCase().includes(q) || formula.toLowerCase().includes(q);
  const variableIds = def.variables.map((v) => v.id);
  const assumptionIds = def.assumptions.map((a) => a.id);
  const variable = def.variables.find((v) => v.id === selected);
  const check = def.checks?.find((c) => c.id === selected);
  const assumption = def.assumptions.find((a) => a.id === selected);
  const formulaItem = variable ?? check;
  const formula = draft && draft.id === selected ? draft.formula : (formulaItem?.formula ?? '');
  const inThis = problem && problemItem(problem) === selected ? problem : null;
  const named = namesIn(formula);
  const uses = formulaItem ? [...variableIds, ...assumptionIds].filter((n) => named.has(n)) : [];
  const usedBy = selected ? withoutItem(def, selected).usedBy : [];

  const pick = (id: string) => {
    setSelected(id);
    setShowDiff(false);
    setDraft(null);
  };
  // A deletion that would leave a formula naming nothing is refused, naming who uses it.
  const remove = async (id: string) => {
    const { def: without, usedBy: users } = withoutItem(def, id);
    if (users.length > 0) return notify('error', t('model.deleteRefused', { id, users: users.join(', ') }));
    const sure = await askConfirm({
      title: t('model.deleteTitle', { id }),
      message: t('model.deleteMessage'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (sure && (await applyModel(without))) {
      notify('info', t('model.deleted', { id }));
      setSelected(null);
    }
  };
  const apply = async () => {
    if (!proposed || !draft) return;
    if (await applyModel(proposed)) {
      notify('info', t('model.applied', { id: draft.id }));
      setDraft(null);
    }
  };
  const item = (id: string, label: string) => (
    <li key={id}>
      <button type="button" aria-current={selected === id} onClick={() => pick(id)}>
        <span>{label}</span> <code>{id}</code>
      </button>
    </li>
  );

  return (
    <div className="model-view">
      <nav className="model-items" aria-label={t('model.items')}>
        <input
          type="search"
          aria-label={t('model.search')}
          placeholder={t('model.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="small" onClick={() => setAdding(true)}>
          {t('model.addAssumption')}
        </button>
        <button
          type="button"
          className="small"
          aria-pressed={showDiff}
          onClick={() => {
            setShowDiff(true);
            setSelected(null);
          }}
        >
          {t('model.diff')}
        </button>
        <h3>{t('model.assumptions')}</h3>
        <ul>
          {def.assumptions.filter((a) => matches(a.id, labelIn(a, locale))).map((a) => item(a.id, labelIn(a, locale)))}
        </ul>
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
      <section className="model-item" aria-label={t('app.view.model')}>
        {adding && (
          <NewAssumptionForm
            def={def}
            onDone={(id) => {
              setAdding(false);
              if (id) pick(id);
            }}
          />
        )}
        {showDiff && <ModelDiff mine={def} />}
        {!selected && !adding && !showDiff && <p className="muted">{t('model.pick')}</p>}
        {formulaItem && (
          <>
            <h2>
              {labelIn(formulaItem, locale)} <code>{formulaItem.id}</code>
            </h2>
            {variable && (
              <p className="muted">
                {t('model.unit', { unit: unitIn(variable.unit, locale) })} ·{' '}
                {t('model.dimensions', {
                  dims:
                    variable.dimensions
                      .map((d) => {
                        const dim = def.dimensions.find((x) => x.id === d);
                        return dim ? labelIn(dim, locale) : d;
                      })
                      .join(t('model.listSep')) || t('model.nothing'),
                })}
              </p>
            )}
            <h3>{t('model.formulaHeading')}</h3>
            <FormulaEditor
              key={formulaItem.id}
              initial={formula}
              onChange={(text) => setDraft({ id: formulaItem.id, formula: text })}
              completions={completions}
              problem={inThis}
              label={t('model.formula', { id: formulaItem.id })}
            />
            {draft && problem && (
              <div role="alert" className="model-problem" data-testid="model-problem">
                {problem.message}
                <span className="muted"> {t('model.stillRunning')}</span>
              </div>
            )}
            {draft && !problem && (
              <p className="muted" data-testid="model-sound">
                {t('model.sound')}
              </p>
            )}
            <div className="row-buttons">
              <button type="button" disabled={!draft || problem !== null} onClick={() => void apply()}>
                {t('model.apply')}
              </button>
              <button type="button" disabled={!draft} onClick={() => pick(formulaItem.id)}>
                {t('model.revert')}
              </button>
            </div>
          </>
        )}
        {assumption && (
          <>
            <h2>
              {labelIn(assumption, locale)} <code>{assumption.id}</code>
            </h2>
            <p>
              {t('model.range', {
                value: assumption.default,
                unit: unitIn(assumption.unit, locale),
                min: assumption.min,
                max: assumption.max,
              })}
            </p>
          </>
        )}
        {selected && (
          <div className="model-links">
            {formulaItem && <ItemLinks title={t('model.uses')} ids={uses} onPick={pick} />}
            <ItemLinks title={t('model.usedBy')} ids={usedBy} onPick={pick} />
            <button type="button" className="small danger" onClick={() => void remove(selected)}>
              {t('model.delete')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
