import { useState } from 'react';
import {
  type AssumptionDef,
  type CheckDef,
  DISTRIBUTION_KINDS,
  type ModelDefinition,
  type VariableDef,
  descriptionIn,
  labelIn,
  messageIn,
  withTextIn,
} from '../../../../shared/model/index.js';
import { useLocale, useT } from '../../language.js';
import type { ModelDraft } from '../../model-draft.js';
import { useApp } from '../../state/context.js';

const NUMBERS = ['default', 'min', 'max', 'step'] as const;
type NumberField = (typeof NUMBERS)[number];
const NUMBER_KEYS = {
  default: 'model.new.default',
  min: 'model.new.min',
  max: 'model.new.max',
  step: 'model.new.step',
} as const;

interface Props {
  def: ModelDefinition;
  draft: ModelDraft;
  onChange: (draft: ModelDraft) => void;
  /** A field whose text is not a value yet (a number half typed): Apply waits for it. */
  onFieldProblem: (problem: string | null) => void;
}

/**
 * The fields of one assumption, variable or check beside its formula: label and description in
 * the window's language, unit, dimensions; for an assumption its group, range, step, Monte
 * Carlo distribution, sources and basis. Every change goes through the checker before Apply.
 */
export function ItemFields({ def, draft, onChange, onFieldProblem }: Props) {
  const t = useT();
  const locale = useLocale();
  const item = draft.item;
  const text = (field: 'label' | 'description' | 'message', value: string) =>
    onChange({ ...draft, item: withTextIn(item, locale, field, value) } as ModelDraft);
  const set = (patch: Partial<AssumptionDef> | Partial<VariableDef> | Partial<CheckDef>) =>
    onChange({ ...draft, item: { ...item, ...patch } } as ModelDraft);

  return (
    <div className="item-fields">
      {draft.isNew && (
        <label>
          {t('model.new.id')}
          <input value={item.id} spellCheck={false} onChange={(e) => set({ id: e.target.value.trim() })} />
        </label>
      )}
      <label>
        {t('model.new.label')}
        <input value={labelIn(item, locale)} onChange={(e) => text('label', e.target.value)} />
      </label>
      {draft.kind === 'check' ? (
        <>
          <label className="wide">
            {t('model.field.message')}
            <input value={messageIn(draft.item, locale)} onChange={(e) => text('message', e.target.value)} />
          </label>
          <label>
            {t('model.field.level')}
            <select
              value={draft.item.level}
              onChange={(e) => set({ level: e.target.value === 'error' ? 'error' : 'warning' })}
            >
              <option value="warning">{t('model.level.warning')}</option>
              <option value="error">{t('model.level.error')}</option>
            </select>
          </label>
        </>
      ) : (
        <>
          <label>
            {t('model.new.unit')}
            <input value={draft.item.unit} onChange={(e) => set({ unit: e.target.value })} />
          </label>
          <label className="wide">
            {t('model.field.description')}
            <textarea
              rows={2}
              value={descriptionIn(draft.item, locale)}
              onChange={(e) => text('description', e.target.value)}
            />
          </label>
        </>
      )}
      {draft.kind !== 'assumption' && (
        <fieldset className="wide">
          <legend>{t('model.field.dimensions')}</legend>
          {def.dimensions.map((d) => (
            <label key={d.id} className="inline">
              <input
                type="checkbox"
                checked={draft.item.dimensions.includes(d.id)}
                onChange={(e) =>
                  set({
                    dimensions: def.dimensions
                      .map((x) => x.id)
                      .filter((x) => (x === d.id ? e.target.checked : draft.item.dimensions.includes(x))),
                  })
                }
              />
              {labelIn(d, locale)} <code>{d.id}</code>
            </label>
          ))}
        </fieldset>
      )}
      {draft.kind === 'assumption' && (
        <AssumptionFields def={def} item={draft.item} set={set} onFieldProblem={onFieldProblem} />
      )}
    </div>
  );
}

/** Sources one per line: a fact id from the workbook's fact table or a web address. */
const sourcesOf = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function AssumptionFields({
  def,
  item,
  set,
  onFieldProblem,
}: {
  def: ModelDefinition;
  item: AssumptionDef;
  set: (patch: Partial<AssumptionDef>) => void;
  onFieldProblem: (problem: string | null) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const facts = useApp((s) => s.facts);
  // Numbers are kept as typed ("0." on the way to "0.5") and reach the model once they read as one.
  const [numbers, setNumbers] = useState<Record<NumberField, string>>(() => ({
    default: String(item.default),
    min: String(item.min),
    max: String(item.max),
    step: String(item.step),
  }));
  const [sd, setSd] = useState(item.distribution.sd === undefined ? '' : String(item.distribution.sd));
  const [sources, setSources] = useState(item.sources.join('\n'));
  const typeNumber = (field: NumberField, value: string) => {
    const next = { ...numbers, [field]: value };
    setNumbers(next);
    const bad = NUMBERS.find((f) => next[f].trim() === '' || !Number.isFinite(Number(next[f])));
    onFieldProblem(bad ? t('model.notNumber', { field: t(NUMBER_KEYS[bad]) }) : null);
    if (!bad) set({ [field]: Number(value) });
  };
  const spread = item.distribution.kind === 'normal' || item.distribution.kind === 'lognormal';
  return (
    <>
      <label>
        {t('model.field.group')}
        <select value={item.group} onChange={(e) => set({ group: e.target.value })}>
          {def.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {labelIn(g, locale)}
            </option>
          ))}
        </select>
      </label>
      {NUMBERS.map((f) => (
        <label key={f}>
          {t(NUMBER_KEYS[f])}
          <input value={numbers[f]} inputMode="decimal" onChange={(e) => typeNumber(f, e.target.value)} />
        </label>
      ))}
      <label>
        {t('model.field.distribution')}
        <select
          value={item.distribution.kind}
          onChange={(e) => {
            const kind = DISTRIBUTION_KINDS.find((k) => k === e.target.value) ?? 'triangular';
            const keepSd = (kind === 'normal' || kind === 'lognormal') && sd !== '' && Number(sd) > 0;
            set({ distribution: keepSd ? { kind, sd: Number(sd) } : { kind } });
          }}
        >
          {DISTRIBUTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`model.dist.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {spread && (
        <label>
          {t('model.field.sd')}
          <input
            value={sd}
            inputMode="decimal"
            onChange={(e) => {
              setSd(e.target.value);
              const v = Number(e.target.value);
              const empty = e.target.value.trim() === '';
              onFieldProblem(empty || Number.isFinite(v) ? null : t('model.notNumber', { field: t('model.field.sd') }));
              if (empty) set({ distribution: { kind: item.distribution.kind } });
              else if (Number.isFinite(v)) set({ distribution: { kind: item.distribution.kind, sd: v } });
            }}
          />
        </label>
      )}
      <label>
        {t('model.field.basis')}
        <input value={item.basis} onChange={(e) => set({ basis: e.target.value })} />
      </label>
      <label className="wide">
        {t('model.field.sources')}
        <textarea
          rows={3}
          spellCheck={false}
          value={sources}
          placeholder={t('model.field.sourcesHint')}
          onChange={(e) => {
            setSources(e.target.value);
            set({ sources: sourcesOf(e.target.value) });
          }}
        />
      </label>
      {item.sources.length > 0 && (
        <ul className="wide item-sources" aria-label={t('model.field.sources')}>
          {item.sources.map((source) => {
            const fact = facts.find((f) => f.id === source);
            return (
              <li key={source}>
                <code>{source}</code>{' '}
                {fact ? `${fact.entity}: ${fact.metric} ${fact.value} ${fact.unit} (${fact.period})` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
