import { useId, useState } from 'react';
import type { Fact } from '../../../shared/contract/index.js';
import type { AssumptionDef } from '../../../shared/model/index.js';

/** Keeps a value inside the range and drops float noise (0.30000000000000004 becomes 0.3). */
export function snap(value: number, a: Pick<AssumptionDef, 'min' | 'max'>): number {
  const clamped = Math.min(a.max, Math.max(a.min, value));
  return Number(clamped.toFixed(10));
}

interface Props {
  a: AssumptionDef;
  value: number;
  base: number;
  facts: Map<string, Fact>;
  onChange: (value: number) => void;
  onReset: () => void;
}

/** One assumption: a slider and a number field in step, its unit, its sources one click away. */
export function AssumptionControl({ a, value, base, facts, onChange, onReset }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<string | null>(null);
  const changed = value !== base;
  const commitDraft = () => {
    if (draft === null) return;
    const n = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(n)) onChange(snap(n, a));
    setDraft(null);
  };
  return (
    <div className={`assumption${changed ? ' changed' : ''}`} data-testid={`assumption-${a.id}`}>
      <div className="assumption-head">
        <label htmlFor={`${id}-range`} title={a.description}>
          {a.label}
        </label>
        {changed && (
          <button
            type="button"
            className="link small"
            onClick={onReset}
            title={`Back to the scenario's ${base} ${a.unit}`}
          >
            reset
          </button>
        )}
        <button
          type="button"
          className="info-button"
          aria-expanded={open}
          aria-label={`About ${a.label}`}
          onClick={() => setOpen(!open)}
        >
          i
        </button>
      </div>
      <div className="assumption-inputs">
        <input
          id={`${id}-range`}
          type="range"
          aria-label={a.label}
          min={a.min}
          max={a.max}
          step={a.step}
          value={value}
          onChange={(e) => onChange(snap(Number(e.target.value), a))}
        />
        <input
          type="number"
          aria-label={`${a.label} value`}
          min={a.min}
          max={a.max}
          step={a.step}
          value={draft ?? String(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commitDraft}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitDraft();
          }}
        />
        <span className="unit">{a.unit}</span>
      </div>
      {open && (
        <div className="assumption-about" role="note">
          <p>{a.description}</p>
          <p className="muted">
            Range {a.min} to {a.max} {a.unit}; model default {a.default}; basis: <strong>{a.basis}</strong>
            {changed ? `; this scenario: ${base}` : ''}.
          </p>
          {a.sources.length > 0 ? (
            <ul>
              {a.sources.map((s) => {
                const f = facts.get(s);
                return (
                  <li key={s}>
                    {f?.url ? (
                      <a href={f.url} target="_blank" rel="noopener noreferrer">
                        {f.entity}: {f.metric}
                        {f.value ? ` ${f.value} ${f.unit}` : ''} ({f.period || 'undated'}, {f.basis})
                      </a>
                    ) : (
                      <span>{s}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="muted">No source: an assumption of the model.</p>
          )}
        </div>
      )}
    </div>
  );
}
