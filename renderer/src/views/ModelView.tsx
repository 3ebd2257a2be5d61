import { useMemo, useState } from 'react';
import { labelIn } from '../../../shared/model/index.js';
import { DimensionPanel } from '../components/model/DimensionPanel.js';
import { ItemEditor } from '../components/model/ItemEditor.js';
import { ItemList } from '../components/model/ItemList.js';
import { ModelDiff } from '../components/model/ModelDiff.js';
import { ModelFiles } from '../components/model/ModelFiles.js';
import { useLocale, useT } from '../language.js';
import { type ItemKind, itemOf, namesInScope, newItem } from '../model-draft.js';
import { useApp } from '../state/context.js';

const ADD = { assumption: 'model.addAssumption', variable: 'model.addVariable', check: 'model.addCheck' } as const;

/**
 * The model in the analyst's hands: every assumption, variable and check, searchable; one item
 * read or edited at a time (fields and formula, checked as typed); new items, renames and
 * deletions; the changes against the built-in model; the model as a JSON file.
 */
export function ModelView() {
  const t = useT();
  const locale = useLocale();
  const working = useApp((s) => s.working);
  const draft = useApp((s) => s.modelDraft);
  const setDraft = useApp((s) => s.setModelDraft);
  // Opens on the item being edited, if one is: a half-typed edit survives a tab switch.
  const [selected, setSelected] = useState<string | null>(() => (draft && !draft.isNew ? draft.item.id : null));
  const [showDiff, setShowDiff] = useState(false);
  const def = working?.def ?? null;
  const completions = useMemo(() => (def ? namesInScope(def, (item) => labelIn(item, locale)) : []), [def, locale]);
  if (!def || !working) return null;

  const pick = (id: string | null) => {
    setSelected(id);
    setShowDiff(false);
    setDraft(null);
  };
  const add = (kind: ItemKind) => {
    setSelected(null);
    setShowDiff(false);
    setDraft(newItem(def, kind));
  };
  // The draft of the item shown, when the analyst is editing it; else the item as the model has it.
  const editing = draft && (draft.isNew || draft.item.id === selected) ? draft : null;
  const shown = editing ?? (selected ? itemOf(def, selected) : null);
  const dimension = !shown && selected ? def.dimensions.find((d) => d.id === selected) : undefined;

  return (
    <div className="model-view">
      <ItemList def={def} selected={selected} onPick={pick}>
        <div className="model-tools">
          {(['assumption', 'variable', 'check'] as const).map((kind) => (
            <button key={kind} type="button" className="small" onClick={() => add(kind)}>
              {t(ADD[kind])}
            </button>
          ))}
          <button
            type="button"
            className="small"
            aria-pressed={showDiff}
            onClick={() => {
              pick(null);
              setShowDiff(true);
            }}
          >
            {t('model.diff')}
          </button>
          <ModelFiles def={def} />
        </div>
      </ItemList>
      <section className="model-item" aria-label={t('app.view.model')}>
        {showDiff && <ModelDiff mine={def} />}
        {dimension && !showDiff && <DimensionPanel dimension={dimension} onPick={pick} />}
        {!shown && !dimension && !showDiff && <p className="muted">{t('model.pick')}</p>}
        {shown && !showDiff && (
          <ItemEditor
            def={def}
            tables={working.tables}
            draft={shown}
            edited={editing !== null}
            completions={completions}
            onPick={pick}
          />
        )}
      </section>
    </div>
  );
}
