import { type Locale, type Translate, translate } from '../../../shared/i18n/index.js';
import { type ModelDefinition, descriptionIn, labelIn } from '../../../shared/model/index.js';
import { useLocale, useT } from '../language.js';
import { useApp } from '../state/context.js';

/** A scenario name must be new (compared as the store compares, ignoring case). */
export function scenarioNameProblem(taken: string[], except?: string, t: Translate = (k, p) => translate('en', k, p)) {
  const names = new Set(taken.filter((n) => n !== except).map((n) => n.toLowerCase()));
  return (value: string): string | null =>
    names.has(value.toLowerCase()) ? t('scenario.nameTaken', { name: value }) : null;
}

/** A built-in scenario's name and description in the window's language; the analyst's own as written. */
export function scenarioText(
  def: ModelDefinition | null,
  scenario: { name: string; description: string; builtIn: boolean },
  locale: Locale,
): { name: string; description: string } {
  const own = scenario.builtIn ? def?.scenarios.find((s) => s.name === scenario.name) : undefined;
  return own
    ? { name: labelIn(own, locale), description: descriptionIn(own, locale) }
    : { name: scenario.name, description: scenario.description };
}

/** The current scenario, whether the screen differs from it, and saving what is on screen. */
export function ScenarioBar() {
  const state = useApp((s) => s.scenarioState);
  const values = useApp((s) => s.values);
  const baseValues = useApp((s) => s.baseValues);
  const switchScenario = useApp((s) => s.switchScenario);
  const act = useApp((s) => s.scenarioAction);
  const askText = useApp((s) => s.askText);
  const def = useApp((s) => s.def);
  const t = useT();
  const locale = useLocale();
  if (!state || !values || !baseValues) return null;
  const current = state.scenarios.find((s) => s.name === state.current.name);
  const changed = values.some((v, k) => v !== baseValues[k]);
  const saveAs = async () => {
    const name = await askText({
      title: t('scenario.saveAsTitle'),
      label: t('scenario.saveAsLabel'),
      initial: t('scenario.myView', { name: state.current.name }),
      confirmLabel: t('scenario.save'),
      validate: scenarioNameProblem(
        state.scenarios.map((s) => s.name),
        undefined,
        t,
      ),
    });
    if (name) await act({ kind: 'create', name });
  };
  return (
    <div className="scenario-bar">
      <label>
        {t('scenario.label')}{' '}
        <select
          aria-label={t('scenario.label')}
          value={state.current.name}
          onChange={(e) => void switchScenario(e.target.value)}
        >
          {state.scenarios.map((s) => (
            <option key={s.name} value={s.name}>
              {s.builtIn ? scenarioText(def, s, locale).name : t('scenario.yours', { name: s.name })}
            </option>
          ))}
        </select>
      </label>
      <span className="muted scenario-description">{current && scenarioText(def, current, locale).description}</span>
      {changed && <span className="badge">{t('scenario.changed')}</span>}
      {changed && current && !current.builtIn && (
        <button type="button" className="small" onClick={() => void act({ kind: 'save', name: current.name })}>
          {t('scenario.saveTo', { name: current.name })}
        </button>
      )}
      <button type="button" className="small" onClick={() => void saveAs()}>
        {t('scenario.saveAs')}
      </button>
    </div>
  );
}
