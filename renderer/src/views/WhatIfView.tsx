import { useMemo } from 'react';
import { Chart } from '../charts/Chart.js';
import {
  coverageOption,
  limitsOption,
  hbmOption,
  budgetOption,
  shortfallByBuyerOption,
  supplyDemandOption,
} from '../../../shared/charts/options.js';
import { AssumptionsPanel } from '../components/AssumptionsPanel.js';
import { HeadlineCards } from '../components/HeadlineCards.js';
import { ProblemsList } from '../components/Problems.js';
import { ChecksList } from '../components/ChecksList.js';
import { ScenarioBar } from '../components/ScenarioBar.js';
import { VintageBar } from '../components/VintageBar.js';
import { UpgradeOffer } from '../components/UpgradeOffer.js';
import { useApp } from '../state/context.js';
import { useLocale, useT } from '../language.js';
import { useMoney } from '../money.js';
import { unitIn } from '../../../shared/i18n/index.js';
import { MODEL_MONEY, shownUnit } from '../../../shared/model/index.js';

export function WhatIfView() {
  const engine = useApp((s) => s.engine);
  const results = useApp((s) => s.results);
  const year = useApp((s) => s.year);
  const modelError = useApp((s) => s.modelError);
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const options = useMemo(() => {
    if (!engine || !results) return null;
    return {
      supply: supplyDemandOption(engine, results, locale),
      coverage: coverageOption(engine, results, locale),
      buyers: shortfallByBuyerOption(engine, results, year, locale, money),
      limits: limitsOption(engine, results, locale),
      // The stock and budget charts need the variables of model version 2; an edited model may lack them.
      hbm: engine.model.byId.has('hbm_left') ? hbmOption(engine, results, locale) : null,
      budget: engine.model.byId.has('budget_used') ? budgetOption(engine, results, locale) : null,
    };
  }, [engine, results, year, locale, money]);
  if (modelError)
    return (
      <div className="fatal" role="alert">
        <h1>{t('whatif.cannotRun')}</h1>
        <p>{modelError}</p>
      </div>
    );
  if (!options) return <div className="empty">{t('whatif.loading')}</div>;
  return (
    <div className="whatif">
      <a className="skip-link" href="#whatif-main">
        {t('whatif.skip')}
      </a>
      <AssumptionsPanel />
      <div className="whatif-main" id="whatif-main" tabIndex={-1}>
        <UpgradeOffer />
        <VintageBar />
        <ScenarioBar />
        <HeadlineCards />
        <ProblemsList />
        <ChecksList />
        <div className="charts">
          <Chart title={t('whatif.chart.supply')} option={options.supply} testId="chart-supply" height={400} />
          <Chart title={t('whatif.chart.coverage')} option={options.coverage} testId="chart-coverage" height={400} />
          <Chart
            title={t('whatif.chart.buyers', { year, unit: unitIn(shownUnit(MODEL_MONEY, money), locale) })}
            option={options.buyers}
            testId="chart-buyers"
          />
          <Chart title={t('whatif.chart.limits')} option={options.limits} testId="chart-limits" />
          {options.hbm && <Chart title={t('whatif.chart.hbm')} option={options.hbm} testId="chart-hbm" />}
          {options.budget && <Chart title={t('whatif.chart.budget')} option={options.budget} testId="chart-budget" />}
        </div>
      </div>
    </div>
  );
}
