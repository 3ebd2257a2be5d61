import { fxIn } from '../../../shared/model/index.js';
import { useT } from '../language.js';
import { isMoneyChoice } from '../money.js';
import { useApp } from '../state/context.js';

/** The unit money is shown in, beside the language (each readership has its own convention). */
export function MoneyChoiceSelect() {
  const choice = useApp((s) => s.money);
  const setMoney = useApp((s) => s.setMoney);
  const hasFx = useApp((s) => fxIn(s.engine?.model.def.assumptions ?? [], s.values) !== undefined);
  const t = useT();
  return (
    <select
      className="money-choice"
      aria-label={t('app.money')}
      title={t('app.moneyHint')}
      value={choice}
      onChange={(e) => isMoneyChoice(e.target.value) && setMoney(e.target.value)}
    >
      <option value="auto">{t('app.money.auto')}</option>
      <option value="bn CNY">{t('app.money.bnCny')}</option>
      <option value="100m CNY">{t('app.money.yi')}</option>
      <option value="bn USD" disabled={!hasFx}>
        {hasFx ? t('app.money.bnUsd') : t('app.money.noFx')}
      </option>
    </select>
  );
}
