import { useState } from 'react';
import { VINTAGE_NAME } from '../../../shared/contract/index.js';
import { type Translate, translate } from '../../../shared/i18n/index.js';
import { useT } from '../language.js';
import { useApp } from '../state/context.js';
import { Modal } from './Modal.js';

const today = () => new Date().toISOString().slice(0, 10);

/** What is wrong with a new vintage's name, or null. */
export function vintageNameProblem(
  taken: string[],
  name: string,
  t: Translate = (k, p) => translate('en', k, p),
): string | null {
  if (name === '') return t('common.typeName');
  if (!VINTAGE_NAME.test(name)) return t('vintage.nameRule');
  if (taken.includes(name)) return t('vintage.nameTaken', { name });
  return null;
}

/** "Snapshot now": name, date and note of a new read-only vintage of the inputs as they are. */
function SnapshotDialog({ taken, onClose }: { taken: string[]; onClose: () => void }) {
  const snapshot = useApp((s) => s.snapshotVintage);
  const [name, setName] = useState(today());
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const t = useT();
  const problem = vintageNameProblem(taken, name.trim(), t);
  const submit = async () => {
    if (problem || saving) return;
    setSaving(true);
    if (await snapshot(name.trim(), note.trim(), date)) onClose();
    else setSaving(false);
  };
  return (
    <Modal title={t('vintage.snapshotTitle')} onClose={onClose} testId="snapshot-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t('vintage.snapshotHelp')}</p>
        <label className="field">
          {t('common.name')}
          <input
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problem !== null}
            aria-describedby="snapshot-problem"
          />
        </label>
        <p id="snapshot-problem" className="field-problem" aria-live="polite">
          {problem ?? ''}
        </p>
        <label className="field">
          {t('vintage.date')}
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="field">
          {t('vintage.note')}
          <textarea value={note} rows={3} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={problem !== null || saving || date === ''}>
            {t('vintage.take')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Which inputs the model runs on: the working data or a dated, read-only vintage. */
export function VintageBar() {
  const vintages = useApp((s) => s.vintages);
  const vintage = useApp((s) => s.vintage);
  const use = useApp((s) => s.useVintage);
  const remove = useApp((s) => s.deleteVintage);
  const askConfirm = useApp((s) => s.askConfirm);
  const [snapshotting, setSnapshotting] = useState(false);
  const t = useT();
  const shown = vintages.find((v) => v.name === vintage);
  const del = async () => {
    if (!shown) return;
    const yes = await askConfirm({
      title: t('vintage.deleteTitle', { name: shown.name }),
      message: t('vintage.deleteMessage', { date: shown.date, count: shown.rows }),
      confirmLabel: t('vintage.delete'),
      danger: true,
    });
    if (yes) await remove(shown.name);
  };
  return (
    <div className="scenario-bar vintage-bar" data-testid="vintage-bar">
      <label>
        {t('vintage.inputs')}{' '}
        <select
          aria-label={t('vintage.label')}
          value={vintage ?? ''}
          onChange={(e) => void use(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t('vintage.working')}</option>
          {vintages.map((v) => (
            <option key={v.name} value={v.name}>
              {t('vintage.option', { name: v.name, date: v.date })}
            </option>
          ))}
        </select>
      </label>
      {shown ? (
        <>
          <span className="badge" title={t('vintage.readOnlyHint')}>
            {t('vintage.readOnly')}
          </span>
          <span className="muted scenario-description" data-testid="vintage-note" data-i18n-skip>
            {shown.note}
          </span>
          <button type="button" className="small" onClick={() => void del()}>
            {t('vintage.deleteEllipsis')}
          </button>
        </>
      ) : (
        <span className="muted scenario-description">{t('vintage.kept', { count: vintages.length })}</span>
      )}
      <button type="button" className="small" onClick={() => setSnapshotting(true)}>
        {t('vintage.snapshot')}
      </button>
      {snapshotting && <SnapshotDialog taken={vintages.map((v) => v.name)} onClose={() => setSnapshotting(false)} />}
    </div>
  );
}
