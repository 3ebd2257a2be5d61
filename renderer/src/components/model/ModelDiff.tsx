import { useEffect } from 'react';
import type { ModelDefinition } from '../../../../shared/model/index.js';
import { useT } from '../../language.js';
import { modelDiff, revertItem } from '../../model-draft.js';
import { useApp } from '../../state/context.js';

const CHANGE = { added: 'model.diff.added', removed: 'model.diff.removed', changed: 'model.diff.changed' } as const;

/**
 * What this workbook's model changed against the built-in one, item by item, the built-in text
 * beside this workbook's; each item can go back, or the whole model (each one undo step).
 */
export function ModelDiff({ mine }: { mine: ModelDefinition }) {
  const t = useT();
  const base = useApp((s) => s.builtInModel);
  const load = useApp((s) => s.loadBuiltInModel);
  const applyModel = useApp((s) => s.applyModel);
  const notify = useApp((s) => s.notify);
  useEffect(() => {
    void load();
  }, [load]);
  if (!base) return null;
  const changes = modelDiff(base, mine);
  const apply = async (def: ModelDefinition, done: string) => {
    if (await applyModel(def)) notify('info', done);
  };
  return (
    <section className="model-diff" aria-label={t('model.diff')}>
      <h2>{t('model.diff')}</h2>
      {changes.length === 0 ? (
        <p className="muted" data-testid="model-diff-none">
          {t('model.diff.none')}
        </p>
      ) : (
        <>
          <table data-testid="model-diff">
            <thead>
              <tr>
                <th>{t('model.diff.item')}</th>
                <th>{t('model.diff.change')}</th>
                <th>{t('model.diff.before')}</th>
                <th>{t('model.diff.after')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.kind}:${c.id}`}>
                  <td>
                    <code>{c.id}</code>
                  </td>
                  <td>{t(CHANGE[c.change])}</td>
                  <td>
                    <code>{c.before ?? ''}</code>
                  </td>
                  <td>
                    <code>{c.after ?? ''}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      onClick={() => void apply(revertItem(base, mine, c), t('model.diff.reverted', { id: c.id }))}
                    >
                      {t('model.diff.revert')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => void apply(base, t('model.diff.revertedAll'))}>
            {t('model.diff.revertAll')}
          </button>
        </>
      )}
    </section>
  );
}
