import { type FormEvent, useState } from 'react';
import { type ModelDefinition } from '../../../../shared/model/index.js';
import { useT } from '../../language.js';
import { checkDraft, withAssumption } from '../../model-draft.js';
import { useApp } from '../../state/context.js';

const FIELDS = ['id', 'label', 'unit', 'default', 'min', 'max', 'step'] as const;
type Field = (typeof FIELDS)[number];
const KEYS = {
  id: 'model.new.id',
  label: 'model.new.label',
  unit: 'model.new.unit',
  default: 'model.new.default',
  min: 'model.new.min',
  max: 'model.new.max',
  step: 'model.new.step',
} as const;

/** A new assumption: checked like any model change, added as one undo step, a slider at once. */
export function NewAssumptionForm({ def, onDone }: { def: ModelDefinition; onDone: (id: string | null) => void }) {
  const t = useT();
  const working = useApp((s) => s.working);
  const applyModel = useApp((s) => s.applyModel);
  const notify = useApp((s) => s.notify);
  const [values, setValues] = useState<Record<Field, string>>({
    id: '',
    label: '',
    unit: 'share',
    default: '1',
    min: '0',
    max: '1',
    step: '0.01',
  });
  const group = def.assumptions.at(-1)?.group ?? '';
  const proposed = withAssumption(def, {
    id: values.id.trim(),
    label: values.label.trim() || values.id.trim(),
    unit: values.unit.trim(),
    default: Number(values.default),
    min: Number(values.min),
    max: Number(values.max),
    step: Number(values.step),
    group,
  });
  const problem = values.id.trim() === '' || !working ? null : checkDraft(proposed, working.tables);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem || values.id.trim() === '') return;
    if (await applyModel(proposed)) {
      notify('info', t('model.added', { id: values.id.trim() }));
      onDone(values.id.trim());
    }
  };
  return (
    <form className="new-assumption" onSubmit={(e) => void submit(e)}>
      <h2>{t('model.addAssumption')}</h2>
      {FIELDS.map((f) => (
        <label key={f}>
          {t(KEYS[f])}
          <input
            value={values[f]}
            inputMode={f === 'id' || f === 'label' || f === 'unit' ? 'text' : 'decimal'}
            onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
          />
        </label>
      ))}
      {problem && (
        <div role="alert" className="model-problem">
          {problem.message}
        </div>
      )}
      <div className="row-buttons">
        <button type="submit" disabled={problem !== null || values.id.trim() === ''}>
          {t('model.new.add')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('model.new.cancel')}
        </button>
      </div>
    </form>
  );
}
