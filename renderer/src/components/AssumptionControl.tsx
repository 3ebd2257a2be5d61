import { useId, useState } from 'react';
import type { Fact } from '../../../shared/contract/index.js';
import { type AssumptionDef, descriptionIn, labelIn } from '../../../shared/model/index.js';
import { basisIn, unitIn } from '../../../shared/i18n/index.js';
import { useLocale, useT } from '../language.js';

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
  const t = useT();
  const locale = useLocale();
  const label = labelIn(a, locale);
  const description = descriptionIn(a, locale);
  const unit = unitIn(a.unit, locale);
  const commitDraft = () => {
    if (draft === null) return;
    const n = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(n)) onChange(snap(n, a));
    setDraft(null);
  };
  return (
    <div className={`assumption${changed ? ' changed' : ''}`} data-testid={`assumption-${a.id}`}>
      <div className="assumption-head">
        <label htmlFor={`${id}-range`} title={description}>
          {label}
        </label>
        {changed && (
          <button
            type="button"
            className="link small"
            onClick={onReset}
            title={t('assumption.resetHint', { value: base, unit })}
          >
            {t('assumption.reset')}
          </button>
        )}
        <button
          type="button"
          className="info-button"
          aria-expanded={open}
          aria-label={t('assumption.about', { label })}
          onClick={() => setOpen(!open)}
        >
          i
        </button>
      </div>
      <div className="assumption-inputs">
        <input
          id={`${id}-range`}
          type="range"
          aria-label={label}
          min={a.min}
          max={a.max}
          step={a.step}
          value={value}
          onChange={(e) => onChange(snap(Number(e.target.value), a))}
        />
        <input
          type="number"
          aria-label={t('assumption.value', { label })}
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
        <span className="unit">{unit}</span>
      </div>
      {open && (
        <div className="assumption-about" role="note">
          <p>{description}</p>
          <p className="muted">
            {t('assumption.range', { min: a.min, max: a.max, unit, default: a.default })}{' '}
            <strong>{basisIn(a.basis, locale)}</strong>
            {changed ? t('assumption.thisScenario', { value: base }) : ''}
          </p>
          {a.sources.length > 0 ? (
            // The sources are cited as their publishers wrote them: data, not interface text.
            <ul data-i18n-skip>
              {a.sources.map((s) => {
                const f = facts.get(s);
                return (
                  <li key={s}>
                    {f?.url ? (
                      <a href={f.url} target="_blank" rel="noopener noreferrer">
                        {f.entity}: {f.metric}
                        {f.value ? ` ${f.value} ${f.unit}` : ''} ({f.period || t('assumption.undated')}, {f.basis})
                      </a>
                    ) : (
                      <span>{s}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="muted">{t('assumption.noSource')}</p>
          )}
        </div>
      )}
    </div>
  );
}
