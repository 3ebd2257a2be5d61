import { useMemo, useState } from 'react';
import { type DatasetTable, type ModelDefinition, labelIn, problemItem } from '../../../../shared/model/index.js';
import { useLocale, useNumberFormat, useT } from '../../language.js';
import {
  type Completion,
  type ModelDraft,
  checkDraft,
  namesIn,
  valueSummary,
  withItem,
  withoutItem,
} from '../../model-draft.js';
import { useApp } from '../../state/context.js';
import { FormulaEditor } from './FormulaEditor.js';
import { ItemActions } from './ItemActions.js';
import { ItemFields } from './ItemFields.js';
import { nameCard } from './name-card.js';

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
              <code>{id}</code>
            </button>
          ))}
    </p>
  );
}

interface Props {
  def: ModelDefinition;
  tables: Record<string, DatasetTable>;
  /** The item as the model has it, or as a draft if the analyst is editing it. */
  draft: ModelDraft;
  edited: boolean;
  completions: Completion[];
  onPick: (id: string | null) => void;
}

/**
 * One assumption, variable or check: its fields, its formula in the code editor, checked as the
 * analyst types with the same checker main runs (the error underlined where it is while the last
 * valid model keeps running), what it uses and what uses it, and Apply as one undo step.
 */
export function ItemEditor({ def, tables, draft, edited, completions, onPick }: Props) {
  const t = useT();
  const locale = useLocale();
  const format = useNumberFormat();
  const setDraft = useApp((s) => s.setModelDraft);
  const applyModel = useApp((s) => s.applyModel);
  const notify = useApp((s) => s.notify);
  const facts = useApp((s) => s.facts);
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const values = useApp((s) => s.values);
  const year = useApp((s) => s.year);
  const [fieldProblem, setFieldProblem] = useState<string | null>(null);
  const item = draft.item;
  const id = item.id;

  const proposed = useMemo(() => withItem(def, draft), [def, draft]);
  const problem = useMemo(() => (edited ? checkDraft(proposed, tables) : null), [edited, proposed, tables]);
  // Sources are fact ids of this workbook or web addresses; anything else is a typo to catch now.
  const badSource =
    draft.kind === 'assumption'
      ? draft.item.sources.find((s) => !/^https?:\/\/\S+$/.test(s) && !facts.some((f) => f.id === s))
      : undefined;
  const ownProblem =
    draft.isNew && id === ''
      ? t('model.needsId')
      : (fieldProblem ?? (badSource ? t('model.unknownSource', { source: badSource }) : null));
  const inThis = problem && problemItem(problem) === id ? problem : null;

  const formula = draft.kind === 'assumption' ? null : draft.item.formula;
  const named = namesIn(formula ?? '');
  const uses = [...def.variables, ...def.assumptions].map((x) => x.id).filter((n) => named.has(n) && n !== id);
  const usedBy = draft.isNew ? [] : withoutItem(def, id).usedBy;

  const describe = (name: string) =>
    nameCard(
      def,
      name,
      {
        assumption: (a) => {
          const k = engine?.assumptionIds.indexOf(a) ?? -1;
          return values && k >= 0 ? (values[k] ?? null) : null;
        },
        variable: (v) => (engine && results ? valueSummary(engine, results, v, year) : null),
        format,
      },
      t,
      locale,
    );

  const apply = async () => {
    if (problem || ownProblem) return;
    if (await applyModel(proposed)) {
      notify('info', t(draft.isNew ? 'model.addedItem' : 'model.applied', { id }));
      setDraft(null);
      onPick(id);
    }
  };
  const discard = () => {
    setDraft(null);
    onPick(draft.isNew ? null : id);
  };

  return (
    <form
      className="item-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <h2>
        {draft.isNew ? t(`model.newTitle.${draft.kind}`) : labelIn(item, locale)} <code>{id}</code>
      </h2>
      <ItemFields
        key={`${draft.kind}:${draft.isNew ? 'new' : id}`}
        def={def}
        draft={draft}
        onChange={setDraft}
        onFieldProblem={setFieldProblem}
      />
      {formula !== null && (
        <>
          <h3>{t('model.formulaHeading')}</h3>
          <FormulaEditor
            key={draft.isNew ? `new-${draft.kind}` : id}
            initial={formula}
            onChange={(text) => setDraft({ ...draft, item: { ...draft.item, formula: text } } as ModelDraft)}
            completions={completions}
            problem={inThis}
            describe={describe}
            label={t('model.formula', { id: id || t(`model.newTitle.${draft.kind}`) })}
          />
        </>
      )}
      {edited && (ownProblem ?? problem) && (
        <div role="alert" className="model-problem" data-testid="model-problem">
          {ownProblem ?? problem?.message}
          {!draft.isNew && <span className="muted"> {t('model.stillRunning')}</span>}
        </div>
      )}
      {edited && !problem && !ownProblem && (
        <p className="muted" data-testid="model-sound">
          {t('model.sound')}
        </p>
      )}
      <div className="row-buttons">
        <button type="submit" disabled={!edited || problem !== null || ownProblem !== null}>
          {draft.isNew ? t('model.new.add') : t('model.apply')}
        </button>
        <button type="button" disabled={!edited && !draft.isNew} onClick={discard}>
          {draft.isNew ? t('model.new.cancel') : t('model.revert')}
        </button>
      </div>
      {!draft.isNew && (
        <div className="model-links">
          {formula !== null && <ItemLinks title={t('model.uses')} ids={uses} onPick={onPick} />}
          <ItemLinks title={t('model.usedBy')} ids={usedBy} onPick={onPick} />
          <ItemActions def={def} id={id} onGone={() => onPick(null)} onRenamed={(to) => onPick(to)} />
        </div>
      )}
    </form>
  );
}
