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
  if (!offer) return null;
  const adopt = async () => {
    const yes = await askConfirm({
      title: `Adopt model version ${offer.builtIn}?`,
      message: `Your inputs as they are now become a read-only vintage, and a whole copy of the file is kept beside it. The model, its datasets and facts become version ${offer.builtIn}'s; your scenarios are kept with the assumptions that still exist, and each one says what it lost. Datasets the model does not read are not touched. Undo history is cleared.`,
      confirmLabel: `Adopt version ${offer.builtIn}`,
    });
    if (yes) await upgrade();
  };
  return (
    <div className="upgrade-offer" role="region" aria-label="Model update" data-testid="upgrade-offer">
      <p>
        This workbook was made with model version {offer.workbook}. Version {offer.builtIn} corrects its data (H20
        counts, H200 licences, domestic prices, HBM as a stockpile) and adds checks and vintages.
      </p>
      <button type="button" className="primary small" onClick={() => void adopt()}>
        Adopt version {offer.builtIn}…
      </button>
      <button type="button" className="small" onClick={decline}>
        Keep its own model
      </button>
    </div>
  );
}
