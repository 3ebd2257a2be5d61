import { useRef, useState } from 'react';
import { type Attribution, type Engine, assumptionRecord } from '../../../shared/model/index.js';
import { waterfallOption } from '../../../shared/charts/options.js';
import { Chart } from '../charts/Chart.js';
import { useApp } from '../state/context.js';
import type { AttributionMessage, AttributionRequest } from '../workers/protocol.js';
import { formatCard } from './HeadlineCards.js';

interface Props {
  engine: Engine;
  scenarios: { name: string; overrides: Record<string, number> }[];
  initial: [string, string];
}

/**
 * What moved one output cell from one scenario to another: the change split among the
 * assumptions that differ (exact Shapley values, worked out in a worker), drawn as a waterfall.
 */
export function WhatMovedIt({ engine, scenarios, initial }: Props) {
  const def = useApp((s) => s.def);
  const tables = useApp((s) => s.tables);
  const [from, setFrom] = useState(initial[0]);
  const [to, setTo] = useState(initial[1]);
  const [output, setOutput] = useState(engine.model.def.outputs[0] ?? '');
  const years = engine.data.members.get(engine.model.timeDim ?? '') ?? [];
  const [year, setYear] = useState(String(years[Math.min(2, years.length - 1)] ?? ''));
  const otherDim = engine.spaceOf(output).dims.find((d) => d !== engine.model.timeDim);
  const memberList = otherDim ? (engine.data.members.get(otherDim) ?? []).map(String) : [];
  const [member, setMember] = useState<string>('');
  const chosenMember = otherDim ? (memberList.includes(member) ? member : (memberList[0] ?? '')) : '';
  const [result, setResult] = useState<{ run: Attribution; label: string; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const worker = useRef<Worker | null>(null);

  const variable = engine.model.byId.get(output)?.def;
  const unit = variable?.unit ?? '';
  const labelOf = (factor: string) => engine.model.def.assumptions.find((a) => a.id === factor)?.label ?? factor;

  const run = () => {
    if (!def) return;
    const values = (name: string) => {
      const overrides = scenarios.find((s) => s.name === name)?.overrides ?? {};
      return assumptionRecord(engine, engine.assumptions(overrides));
    };
    worker.current?.terminate();
    const w = new Worker(new URL('../workers/attribution.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setRunning(true);
    setError(null);
    const label = `${variable?.label ?? output}${chosenMember ? `, ${chosenMember}` : ''}, ${year}: ${from} → ${to}`;
    w.onmessage = (event: MessageEvent<AttributionMessage>) => {
      const m = event.data;
      if (m.kind === 'done') setResult({ run: m.result, label, ms: m.ms });
      else setError(m.message);
      setRunning(false);
      w.terminate();
    };
    const request: AttributionRequest = {
      definition: JSON.stringify(def),
      from: { assumptions: values(from), tables },
      to: { assumptions: values(to), tables },
      cell: { variable: output, year, ...(otherDim ? { members: { [otherDim]: chosenMember } } : {}) },
    };
    w.postMessage(request);
  };

  const names = scenarios.map((s) => s.name);
  const r = result?.run;
  return (
    <section aria-label="What moved it" className="what-moved">
      <div className="section-head">
        <h2>What moved it</h2>
      </div>
      <div className="what-moved-form">
        <label>
          From{' '}
          <select aria-label="From scenario" value={from} onChange={(e) => setFrom(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          to{' '}
          <select aria-label="To scenario" value={to} onChange={(e) => setTo(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          Output{' '}
          <select aria-label="Output to explain" value={output} onChange={(e) => setOutput(e.target.value)}>
            {engine.model.def.outputs.map((id) => (
              <option key={id} value={id}>
                {engine.model.byId.get(id)?.def.label ?? id}
              </option>
            ))}
          </select>
        </label>
        {otherDim && (
          <label>
            {otherDim}{' '}
            <select
              aria-label={`Member of ${otherDim}`}
              value={chosenMember}
              onChange={(e) => setMember(e.target.value)}
            >
              {memberList.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          Year{' '}
          <select aria-label="Year to explain" value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={String(y)}>{String(y)}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={run} disabled={running || from === to}>
          {running ? 'Working…' : 'Explain the change'}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {r && result && (
        <>
          <p data-testid="attribution-summary">
            {result.label}: {formatCard(r.from, unit)} → {formatCard(r.to, unit)}, change {r.change >= 0 ? '+' : '−'}
            {formatCard(Math.abs(r.change), unit)}
            {unit === 'share' ? ' (points)' : ` ${unit}`}. {r.contributions.length} factor
            {r.contributions.length === 1 ? '' : 's'}, {r.evaluations.toLocaleString('en-US')} model runs (
            {Math.round(result.ms)} ms); the parts add up to the change.
          </p>
          {r.contributions.length > 0 && (
            <Chart
              title={`What moved ${result.label} (${unit})`}
              testId="chart-waterfall"
              height={320}
              option={waterfallOption(
                { label: from, value: r.from },
                r.contributions.map((c) => ({ label: labelOf(c.factor), value: c.contribution })),
                { label: to, value: r.to },
                unit,
                (v) => formatCard(v, unit),
              )}
            />
          )}
          <table className="compare-table" data-testid="attribution-table">
            <thead>
              <tr>
                <th>Factor</th>
                <th>Kind</th>
                <th>Contribution</th>
              </tr>
            </thead>
            <tbody>
              {r.contributions.map((c) => (
                <tr key={c.factor}>
                  <th scope="row">
                    {labelOf(c.factor)} <span className="muted">{c.factor}</span>
                  </th>
                  <td>{c.kind}</td>
                  <td className="num">
                    {c.contribution >= 0 ? '+' : '−'}
                    {formatCard(Math.abs(c.contribution), unit)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
