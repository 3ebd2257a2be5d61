import { useMemo, useState } from 'react';
import { compareScenarios } from '../../../shared/model/index.js';
import { Chart } from '../charts/Chart.js';
import { overlayOption } from '../../../shared/charts/options.js';
import { formatCard } from '../components/HeadlineCards.js';
import { scenarioNameProblem } from '../components/ScenarioBar.js';
import { useApp } from '../state/context.js';
import { WhatMovedIt } from '../components/WhatMovedIt.js';

/** Scenarios: keep, rename, duplicate, delete, switch; compare chosen ones side by side. */
export function ScenariosView() {
  const engine = useApp((s) => s.engine);
  const state = useApp((s) => s.scenarioState);
  const values = useApp((s) => s.values);
  const act = useApp((s) => s.scenarioAction);
  const switchScenario = useApp((s) => s.switchScenario);
  const askText = useApp((s) => s.askText);
  const askConfirm = useApp((s) => s.askConfirm);
  const [chosen, setChosen] = useState<string[]>(['Base', 'Import ban']);
  const [output, setOutput] = useState('gap_h100e');

  const table = useMemo(() => {
    if (!engine || !state) return null;
    const picked = state.scenarios.filter((s) => chosen.includes(s.name));
    return compareScenarios(
      engine,
      picked.map((s) => ({ name: s.name, values: engine.assumptions(s.overrides) })),
    );
  }, [engine, state, chosen]);

  if (!engine || !state || !values || !table) return null;
  const names = state.scenarios.map((s) => s.name);
  const ask = (title: string, label: string, initial: string, confirmLabel: string, except?: string) =>
    askText({ title, label, initial, confirmLabel, validate: scenarioNameProblem(names, except) });
  const toggle = (name: string) => setChosen((c) => (c.includes(name) ? c.filter((x) => x !== name) : [...c, name]));
  const shown = table.outputs.find((o) => o.id === output);

  return (
    <div className="scenarios">
      <section aria-label="Scenario list" className="scenario-list">
        <div className="section-head">
          <h2>Scenarios</h2>
          <button
            type="button"
            onClick={() =>
              void (async () => {
                const name = await ask('New scenario from the values on screen', 'Name', 'My scenario', 'Create');
                if (name) await act({ kind: 'create', name });
              })()
            }
          >
            New from current values…
          </button>
        </div>
        <table className="list">
          <thead>
            <tr>
              <th>Compare</th>
              <th>Name</th>
              <th>What it changes</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.scenarios.map((s) => (
              <tr
                key={s.name}
                className={s.name === state.current.name ? 'current' : ''}
                data-testid={`scenario-${s.name}`}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${s.name}`}
                    checked={chosen.includes(s.name)}
                    onChange={() => toggle(s.name)}
                  />
                </td>
                <td>
                  <strong>{s.name}</strong> {s.builtIn ? <span className="muted">built in</span> : null}
                  {s.name === state.current.name ? <span className="badge">current</span> : null}
                </td>
                <td className="muted">
                  {Object.entries(s.overrides)
                    .map(([id, v]) => `${engine.model.def.assumptions.find((a) => a.id === id)?.label ?? id} = ${v}`)
                    .join('; ') || 'model defaults'}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    onClick={() => void switchScenario(s.name)}
                    disabled={s.name === state.current.name}
                  >
                    Switch to
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      void (async () => {
                        const to = await ask(`Duplicate ${s.name}`, 'Name of the copy', `${s.name} copy`, 'Duplicate');
                        if (to) await act({ kind: 'duplicate', name: s.name, to });
                      })()
                    }
                  >
                    Duplicate
                  </button>
                  {!s.builtIn && (
                    <>
                      <button
                        type="button"
                        className="small"
                        onClick={() =>
                          void (async () => {
                            const to = await ask(`Rename ${s.name}`, 'New name', s.name, 'Rename', s.name);
                            if (to && to !== s.name) await act({ kind: 'rename', name: s.name, to });
                          })()
                        }
                      >
                        Rename
                      </button>
                      <button
                        type="button"
                        className="small danger"
                        onClick={() =>
                          void (async () => {
                            const sure = await askConfirm({
                              title: `Delete scenario ${s.name}?`,
                              message: 'Its assumption values go with it. Undo (Ctrl+Z) brings it back.',
                              confirmLabel: 'Delete',
                              danger: true,
                            });
                            if (sure) await act({ kind: 'delete', name: s.name });
                          })()
                        }
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {table.scenarios.length > 0 && (
        <section aria-label="Compare" className="compare">
          <div className="section-head">
            <h2>Side by side</h2>
            <label>
              Chart{' '}
              <select aria-label="Output to chart" value={output} onChange={(e) => setOutput(e.target.value)}>
                {table.outputs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {shown && (
            <Chart
              title={`${shown.label} by scenario (${shown.unit})`}
              testId="chart-compare"
              option={overlayOption(
                engine,
                table.scenarios.map((name, i) => ({ name, values: shown.byScenario[i]?.values ?? [] })),
                shown.unit,
              )}
            />
          )}
          <table className="compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th>Output</th>
                <th>Year</th>
                {table.scenarios.map((n, i) => (
                  <th key={n} colSpan={i === 0 ? 1 : 2}>
                    {n}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.outputs.map((o) =>
                table.years.map((y, yi) => (
                  <tr key={`${o.id}-${String(y)}`} className={yi === 0 ? 'group-start' : ''}>
                    {yi === 0 && (
                      <th rowSpan={table.years.length} scope="rowgroup">
                        {o.label}
                        <div className="muted">{o.unit}</div>
                      </th>
                    )}
                    <td>{String(y)}</td>
                    {o.byScenario.map((s, i) => (
                      <Cell
                        key={i}
                        value={s.values[yi] ?? NaN}
                        delta={i === 0 ? null : (s.delta[yi] ?? NaN)}
                        unit={o.unit}
                      />
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <h3>Assumptions</h3>
          <table className="compare-table">
            <thead>
              <tr>
                <th>Assumption</th>
                {table.scenarios.map((n) => (
                  <th key={n}>{n}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.assumptions.map((a) => (
                <tr key={a.id} className={a.differs ? 'differs' : ''}>
                  <th scope="row">
                    {a.label} <span className="muted">{a.unit}</span>
                  </th>
                  {a.values.map((v, i) => (
                    <td key={i}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <WhatMovedIt
        engine={engine}
        scenarios={state.scenarios}
        initial={[chosen[0] ?? 'Base', chosen[1] ?? state.scenarios[1]?.name ?? 'Base']}
      />
    </div>
  );
}

function Cell({ value, delta, unit }: { value: number; delta: number | null; unit: string }) {
  return (
    <>
      <td className="num">{formatCard(value, unit)}</td>
      {delta !== null && (
        <td className={`num delta ${delta > 1e-9 ? 'up' : delta < -1e-9 ? 'down' : ''}`}>
          {Math.abs(delta) < 1e-9 ? '=' : `${delta > 0 ? '+' : '−'}${formatCard(Math.abs(delta), unit)}`}
        </td>
      )}
    </>
  );
}
