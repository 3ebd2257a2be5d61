import { useApp } from '../state/context.js';

/** A scenario name must be new (compared as the store compares, ignoring case). */
export function scenarioNameProblem(taken: string[], except?: string) {
  const names = new Set(taken.filter((n) => n !== except).map((n) => n.toLowerCase()));
  return (value: string): string | null =>
    names.has(value.toLowerCase()) ? `There is already a scenario called “${value}”.` : null;
}

/** The current scenario, whether the screen differs from it, and saving what is on screen. */
export function ScenarioBar() {
  const state = useApp((s) => s.scenarioState);
  const values = useApp((s) => s.values);
  const baseValues = useApp((s) => s.baseValues);
  const switchScenario = useApp((s) => s.switchScenario);
  const act = useApp((s) => s.scenarioAction);
  const askText = useApp((s) => s.askText);
  if (!state || !values || !baseValues) return null;
  const current = state.scenarios.find((s) => s.name === state.current.name);
  const changed = values.some((v, k) => v !== baseValues[k]);
  const saveAs = async () => {
    const name = await askText({
      title: 'Save as new scenario',
      label: 'Name of the new scenario',
      initial: `${state.current.name} (my view)`,
      confirmLabel: 'Save',
      validate: scenarioNameProblem(state.scenarios.map((s) => s.name)),
    });
    if (name) await act({ kind: 'create', name });
  };
  return (
    <div className="scenario-bar">
      <label>
        Scenario{' '}
        <select aria-label="Scenario" value={state.current.name} onChange={(e) => void switchScenario(e.target.value)}>
          {state.scenarios.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {s.builtIn ? '' : ' (yours)'}
            </option>
          ))}
        </select>
      </label>
      <span className="muted scenario-description">{current?.description}</span>
      {changed && <span className="badge">changed</span>}
      {changed && current && !current.builtIn && (
        <button type="button" className="small" onClick={() => void act({ kind: 'save', name: current.name })}>
          Save to “{current.name}”
        </button>
      )}
      <button type="button" className="small" onClick={() => void saveAs()}>
        Save as new scenario…
      </button>
    </div>
  );
}
