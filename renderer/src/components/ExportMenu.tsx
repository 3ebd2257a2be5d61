import { useEffect, useRef } from 'react';
import { useTransport } from '../api/transport-context.js';
import { useMoney } from '../money.js';
import { useLocale, useT } from '../language.js';
import { useApp } from '../state/context.js';
import { scenarioText } from './ScenarioBar.js';
import { useExport } from './useExport.js';

/** Assumption values on screen that differ from the current scenario's own. */
function changedValues(ids: readonly string[], values: Float64Array, base: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  ids.forEach((id, k) => {
    if (values[k] !== base[k]) out[id] = values[k] as number;
  });
  return out;
}

/**
 * Export model…: by default exactly what is on screen (the current scenario with its unsaved
 * changes, named so in the file), or any saved scenario as it was saved.
 */
export function ExportMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const transport = useTransport();
  const exportModel = useApp((s) => s.exportModel);
  const engine = useApp((s) => s.engine);
  const values = useApp((s) => s.values);
  const baseValues = useApp((s) => s.baseValues);
  const state = useApp((s) => s.scenarioState);
  const runExport = useExport();
  const def = useApp((s) => s.def);
  const t = useT();
  const locale = useLocale();
  // The file shows money as the window does (亿元 on screen, 亿元 on the Outputs sheet).
  const money = useMoney();

  // The menu closes on a click elsewhere or Escape, as menus do.
  useEffect(() => {
    const close = (e: Event) => {
      const m = menu.current;
      if (!m?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !m.contains(e.target as Node)) m.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  // File > Export model… in the desktop menu opens this menu.
  useEffect(
    () =>
      transport.on('command', ({ command }) => {
        if (command === 'exportModel' && menu.current) menu.current.open = true;
      }),
    [transport],
  );

  const current = state?.current.name;
  const set = engine && values && baseValues ? changedValues(engine.assumptionIds, values, baseValues) : {};
  const changed = Object.keys(set).length > 0;
  const currentInfo = state?.scenarios.find((s) => s.name === current);
  const currentName = currentInfo ? scenarioText(def, currentInfo, locale).name : (current ?? 'Base');
  const onScreen = changed ? t('export.changed', { name: currentName }) : currentName;
  const run = (args: { scenario?: string; set?: Record<string, number>; valuesOnly: boolean }) => {
    if (menu.current) menu.current.open = false;
    void runExport(() => exportModel({ ...args, money: money.unit, language: locale }));
  };
  const scenario = current ? { scenario: current } : {};
  return (
    <details className="menu" ref={menu}>
      <summary id="export-model" title={t('export.hint')}>
        {t('export.model')}
      </summary>
      <div className="menu-items" role="menu">
        <div className="menu-heading">{t('export.onScreen', { name: onScreen })}</div>
        <button type="button" role="menuitem" onClick={() => run({ ...scenario, set, valuesOnly: false })}>
          {t('export.live')} <span className="muted">{t('export.liveHint')}</span>
        </button>
        <button type="button" role="menuitem" onClick={() => run({ ...scenario, set, valuesOnly: true })}>
          {t('export.values')} <span className="muted">{t('export.valuesHint')}</span>
        </button>
        {state && state.scenarios.length > 0 && <div className="menu-heading">{t('export.saved')}</div>}
        {state?.scenarios.map((s) => (
          <button
            key={s.name}
            type="button"
            role="menuitem"
            onClick={() => run({ scenario: s.name, valuesOnly: false })}
          >
            {scenarioText(def, s, locale).name} <span className="muted">{t('export.asSaved')}</span>
          </button>
        ))}
      </div>
    </details>
  );
}
