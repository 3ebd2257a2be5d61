import { type ModelDefinition, nameProblem } from '../../../../shared/model/index.js';
import { useT } from '../../language.js';
import { dependentsOf, withoutItem, withoutItems } from '../../model-draft.js';
import { useApp } from '../../state/context.js';

interface Props {
  def: ModelDefinition;
  id: string;
  onGone: () => void;
  onRenamed: (to: string) => void;
}

/**
 * Rename (every formula, scenario and vintage that uses the name follows, in main, as one undo
 * step) and Delete: an item nothing uses goes after a confirmation; one that others use is
 * refused, naming them, unless the analyst deletes it with everything that depends on it.
 */
export function ItemActions({ def, id, onGone, onRenamed }: Props) {
  const t = useT();
  const askText = useApp((s) => s.askText);
  const askConfirm = useApp((s) => s.askConfirm);
  const applyModel = useApp((s) => s.applyModel);
  const renameModelItem = useApp((s) => s.renameModelItem);
  const notify = useApp((s) => s.notify);

  const rename = async () => {
    const to = await askText({
      title: t('model.renameTitle', { id }),
      label: t('model.renameLabel'),
      initial: id,
      confirmLabel: t('model.renameConfirm'),
      validate: (name) => {
        if (name === id) return t('model.name.same');
        const problem = nameProblem(def, name);
        if (!problem) return null;
        if (problem.reason === 'taken') return t('model.name.taken', { name, kind: t(`model.kind.${problem.by}`) });
        return t(`model.name.${problem.reason}`, { name });
      },
    });
    if (to && (await renameModelItem(id, to))) {
      notify('info', t('model.renamed', { from: id, to }));
      onRenamed(to);
    }
  };

  const remove = async () => {
    const { def: without, usedBy } = withoutItem(def, id);
    if (usedBy.length === 0) {
      const sure = await askConfirm({
        title: t('model.deleteTitle', { id }),
        message: t('model.deleteMessage'),
        confirmLabel: t('common.delete'),
        danger: true,
      });
      if (sure && (await applyModel(without))) {
        notify('info', t('model.deleted', { id }));
        onGone();
      }
      return;
    }
    // Used: refused as asked, naming the users; the analyst may take the dependents with it.
    const all = dependentsOf(def, id);
    const sure = await askConfirm({
      title: t('model.deleteRefused', { id, users: usedBy.join(t('model.listSep')) }),
      message: t('model.deleteWithMessage', { id, all: all.join(t('model.listSep')), count: all.length }),
      confirmLabel: t('model.deleteWith', { count: all.length + 1 }),
      danger: true,
    });
    if (sure && (await applyModel(withoutItems(def, [id, ...all])))) {
      notify('info', t('model.deletedWith', { id, count: all.length }));
      onGone();
    }
  };

  return (
    <div className="row-buttons">
      <button type="button" className="small" onClick={() => void rename()}>
        {t('model.rename')}
      </button>
      <button type="button" className="small danger" onClick={() => void remove()}>
        {t('model.delete')}
      </button>
    </div>
  );
}
