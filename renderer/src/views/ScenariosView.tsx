import { useMemo, useState } from 'react';
import { compareScenarios, labelIn } from '../../../shared/model/index.js';
import { type Locale, unitIn } from '../../../shared/i18n/index.js';
import { useShown } from '../money.js';
import { useLocale, useT } from '../language.js';
import { Chart } from '../charts/Chart.js';
import { overlayOption } from '../../../shared/charts/options.js';
import { formatCard } from '../components/HeadlineCards.js';
import { scenarioNameProblem, scenarioText } from '../components/ScenarioBar.js';
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
  const def = useApp((s) => s.def);
  const t = useT();
  const locale = useLocale();
  // Money in the unit chosen for display, at the exchange rate on screen, as the cards show it.
  const display = useShown();
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
    askText({ title, label, initial, confirmLabel, validate: scenarioNameProblem(names, except, t) });
  // Built-in scenarios, outputs and assumptions in the window's language; the analyst's own names as typed.
  const shownName = (name: string) => {
    const s = state.scenarios.find((x) => x.name === name);
    return s ? scenarioText(def, s, locale).name : name;
  };
  const outputLabel = (id: string, fallback: string) => {
    const v = engine.model.byId.get(id)?.def;
    return v ? labelIn(v, locale) : fallback;
  };
  const assumptionLabel = (id: string, fallback: string) => {
    const a = engine.model.def.assumptions.find((x) => x.id === id);
    return a ? labelIn(a, locale) : fallback;
  };
  const toggle = (name: string) => setChosen((c) => (c.includes(name) ? c.filter((x) => x !== name) : [...c, name]));
  const shown = table.outputs.find((o) => o.id === output);

  return (
    <div className="scenarios">
      <section aria-label={t('scenarios.list')} className="scenario-list">
        <div className="section-head">
          <h2>{t('app.view.scenarios')}</h2>
          <button
            type="button"
            onClick={() =>
              void (async () => {
                const name = await ask(
                  t('scenarios.newTitle'),
                  t('common.name'),
                  t('scenarios.newInitial'),
                  t('scenarios.create'),
                );
                if (name) await act({ kind: 'create', name });
              })()
            }
          >
            {t('scenarios.new')}
          </button>
        </div>
        <table className="list">
          <thead>
            <tr>
              <th>{t('scenarios.compare')}</th>
              <th>{t('common.name')}</th>
              <th>{t('scenarios.changes')}</th>
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
                    aria-label={t('scenarios.compareOne', { name: shownName(s.name) })}
                    checked={chosen.includes(s.name)}
                    onChange={() => toggle(s.name)}
                  />
                </td>
                <td>
                  <strong>{shownName(s.name)}</strong>{' '}
                  {s.builtIn ? <span className="muted">{t('scenarios.builtIn')}</span> : null}
                  {s.name === state.current.name ? <span className="badge">{t('scenarios.current')}</span> : null}
                </td>
                <td className="muted">
                  {Object.entries(s.overrides)
                    .map(([id, v]) => `${assumptionLabel(id, id)} = ${v}`)
                    .join('; ') || t('scenarios.defaults')}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="small"
                    onClick={() => void switchScenario(s.name)}
                    disabled={s.name === state.current.name}
                  >
                    {t('scenarios.switch')}
                  </button>
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      void (async () => {
                        const to = await ask(
                          t('scenarios.duplicateTitle', { name: shownName(s.name) }),
                          t('scenarios.copyName'),
                          t('scenarios.copyInitial', { name: shownName(s.name) }),
                          t('scenarios.duplicate'),
                        );
                        if (to) await act({ kind: 'duplicate', name: s.name, to });
                      })()
                    }
                  >
                    {t('scenarios.duplicate')}
                  </button>
                  {!s.builtIn && (
                    <>
                      <button
                        type="button"
                        className="small"
                        onClick={() =>
                          void (async () => {
                            const to = await ask(
                              t('scenarios.renameTitle', { name: s.name }),
                              t('common.newName'),
                              s.name,
                              t('common.rename'),
                              s.name,
                            );
                            if (to && to !== s.name) await act({ kind: 'rename', name: s.name, to });
                          })()
                        }
                      >
                        {t('common.rename')}
                      </button>
                      <button
                        type="button"
                        className="small danger"
                        onClick={() =>
                          void (async () => {
                            const sure = await askConfirm({
                              title: t('scenarios.deleteTitle', { name: s.name }),
                              message: t('scenarios.deleteMessage'),
                              confirmLabel: t('common.delete'),
                              danger: true,
                            });
                            if (sure) await act({ kind: 'delete', name: s.name });
                          })()
                        }
                      >
                        {t('common.delete')}
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
        <section aria-label={t('scenarios.compare')} className="compare">
          <div className="section-head">
            <h2>{t('scenarios.sideBySide')}</h2>
            <label>
              {t('scenarios.chart')}{' '}
              <select
                aria-label={t('scenarios.outputToChart')}
                value={output}
                onChange={(e) => setOutput(e.target.value)}
              >
                {table.outputs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {outputLabel(o.id, o.label)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {shown && (
            <Chart
              title={t('scenarios.chartTitle', {
                label: outputLabel(shown.id, shown.label),
                unit: display.unit(shown.unit),
              })}
              testId="chart-compare"
              option={overlayOption(
                engine,
                table.scenarios.map((name, i) => ({
                  name: shownName(name),
                  values: (shown.byScenario[i]?.values ?? []).map((v) => display.value(v, shown.unit)),
                })),
                display.unit(shown.unit),
              )}
            />
          )}
          <table className="compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th>{t('scenarios.output')}</th>
                <th>{t('cards.year')}</th>
                {table.scenarios.map((n, i) => (
                  <th key={n} colSpan={i === 0 ? 1 : 2}>
                    {shownName(n)}
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
                        {outputLabel(o.id, o.label)}
                        <div className="muted">{display.unit(o.unit)}</div>
                      </th>
                    )}
                    <td>{String(y)}</td>
                    {o.byScenario.map((s, i) => (
                      <Cell
                        key={i}
                        value={display.value(s.values[yi] ?? NaN, o.unit)}
                        delta={i === 0 ? null : display.value(s.delta[yi] ?? NaN, o.unit)}
                        unit={o.unit}
                        locale={locale}
                      />
                    ))}
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <h3>{t('assumptions.title')}</h3>
          <table className="compare-table">
            <thead>
              <tr>
                <th>{t('scenarios.assumption')}</th>
                {table.scenarios.map((n) => (
                  <th key={n}>{shownName(n)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.assumptions.map((a) => (
                <tr key={a.id} className={a.differs ? 'differs' : ''}>
                  <th scope="row">
                    {assumptionLabel(a.id, a.label)} <span className="muted">{unitIn(a.unit, locale)}</span>
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

function Cell({ value, delta, unit, locale }: { value: number; delta: number | null; unit: string; locale: Locale }) {
  return (
    <>
      <td className="num">{formatCard(value, unit, locale)}</td>
      {delta !== null && (
        <td className={`num delta ${delta > 1e-9 ? 'up' : delta < -1e-9 ? 'down' : ''}`}>
          {Math.abs(delta) < 1e-9 ? '=' : `${delta > 0 ? '+' : '−'}${formatCard(Math.abs(delta), unit, locale)}`}
        </td>
      )}
    </>
  );
}
