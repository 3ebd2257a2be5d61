import { useT } from '../language.js';
import { useApp } from '../state/context.js';

/**
 * A workbook made by an older built-in model: the offer to adopt the new one, or to keep its own.
 * Nothing changes without the yes, and the yes is asked once more with what it will do.
 */
export function UpgradeOffer() {
  const offer = useApp((s) => s.upgradeOffer);
  const decline = useApp((s) => s.declineUpgrade);
  const upgrade = useApp((s) => s.upgradeModel);
  const askConfirm = useApp((s) => s.askConfirm);
  const t = useT();
  if (!offer) return null;
  const adopt = async () => {
    const yes = await askConfirm({
      title: t('upgrade.title', { version: offer.builtIn }),
      message: t('upgrade.message', { version: offer.builtIn }),
      confirmLabel: t('upgrade.confirm', { version: offer.builtIn }),
    });
    if (yes) await upgrade();
  };
  return (
    <div className="upgrade-offer" role="region" aria-label={t('upgrade.region')} data-testid="upgrade-offer">
      <p>{t('upgrade.offer', { from: offer.workbook, version: offer.builtIn })}</p>
      <button type="button" className="primary small" onClick={() => void adopt()}>
        {t('upgrade.adopt', { version: offer.builtIn })}
      </button>
      <button type="button" className="small" onClick={decline}>
        {t('upgrade.keep')}
      </button>
    </div>
  );
}
