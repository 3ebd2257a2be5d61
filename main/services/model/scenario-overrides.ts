import { AppError } from '../../../shared/contract/index.js';

/** Resolves a scenario name and extra settings into the scenario's override map. */
export function scenarioOverrides(
  scenarios: { name: string; overrides: Record<string, number> }[],
  name: string | undefined,
  set: Record<string, number> = {},
): { name: string; overrides: Record<string, number> } {
  const wanted = name ?? 'Base';
  const found = scenarios.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (!found) {
    throw AppError.of('NOT_FOUND', {
      key: 'mainError.noScenarioIn',
      params: { name: wanted, names: scenarios.map((s) => s.name).join(', ') },
    });
  }
  return { name: scenarioLabel(found.name, set), overrides: { ...found.overrides, ...set } };
}

/** "Base", or "Base, changed" when values on screen differ from the saved scenario. */
export function scenarioLabel(name: string | undefined, set: Record<string, number> = {}): string {
  return `${name ?? 'Base'}${Object.keys(set).length > 0 ? ', changed' : ''}`;
}
