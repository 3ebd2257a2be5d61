import { type DimensionDef, labelIn } from '../../../../shared/model/index.js';
import { unitIn } from '../../../../shared/i18n/index.js';
import { useLocale, useT } from '../../language.js';
import { useApp } from '../../state/context.js';

/**
 * A dimension, read only: its members as the model sees them now and where they come from (new
 * buyers and chips are new dataset rows, not model edits), its attributes and what varies over it.
 */
export function DimensionPanel({ dimension, onPick }: { dimension: DimensionDef; onPick: (id: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const engine = useApp((s) => s.engine);
  const def = useApp((s) => s.working?.def);
  const members = engine?.data.members.get(dimension.id) ?? dimension.members ?? [];
  const over = (def?.variables ?? []).filter((v) => v.dimensions.includes(dimension.id)).map((v) => v.id);
  return (
    <section className="dimension-panel">
      <h2>
        {labelIn(dimension, locale)} <code>{dimension.id}</code>
      </h2>
      <p>{t('model.dim.members', { count: members.length, list: members.join(t('model.listSep')) })}</p>
      <p className="muted">{dimension.from ? t('model.dim.from', { column: dimension.from }) : t('model.dim.fixed')}</p>
      {(dimension.attributes ?? []).length > 0 && (
        <>
          <h3>{t('model.dim.attributes')}</h3>
          <ul>
            {(dimension.attributes ?? []).map((a) => (
              <li key={a.name}>
                <code>
                  {dimension.id}.{a.name}
                </code>{' '}
                {t('model.hover.column', { column: a.column })}
                {a.unit ? ` · ${unitIn(a.unit, locale)}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <strong>{t('model.dim.over')}:</strong>{' '}
        {over.map((id) => (
          <button key={id} type="button" className="link" onClick={() => onPick(id)}>
            <code>{id}</code>
          </button>
        ))}
      </p>
    </section>
  );
}
