import { useState } from 'react';
import { VINTAGE_NAME } from '../../../shared/contract/index.js';
import { useApp } from '../state/context.js';
import { Modal } from './Modal.js';

const today = () => new Date().toISOString().slice(0, 10);

/** What is wrong with a new vintage's name, or null. */
export function vintageNameProblem(taken: string[], name: string): string | null {
  if (name === '') return 'Type a name.';
  if (!VINTAGE_NAME.test(name)) return 'Up to 60 characters, no line breaks.';
  if (taken.includes(name)) return `There is already a vintage called “${name}”.`;
  return null;
}

/** "Snapshot now": name, date and note of a new read-only vintage of the inputs as they are. */
function SnapshotDialog({ taken, onClose }: { taken: string[]; onClose: () => void }) {
  const snapshot = useApp((s) => s.snapshotVintage);
  const [name, setName] = useState(today());
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const problem = vintageNameProblem(taken, name.trim());
  const submit = async () => {
    if (problem || saving) return;
    setSaving(true);
    if (await snapshot(name.trim(), note.trim(), date)) onClose();
    else setSaving(false);
  };
  return (
    <Modal title="Snapshot now" onClose={onClose} testId="snapshot-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">
          Keeps every dataset&apos;s rows and every assumption&apos;s default as they are now, read-only, to compare
          with later.
        </p>
        <label className="field">
          Name
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
          Date the inputs describe
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
        </label>
        <label className="field">
          Note
          <textarea value={note} rows={3} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={problem !== null || saving || date === ''}>
            Take snapshot
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
  const shown = vintages.find((v) => v.name === vintage);
  const del = async () => {
    if (!shown) return;
    const yes = await askConfirm({
      title: `Delete vintage ${shown.name}?`,
      message: `The copy of the inputs as of ${shown.date} (${shown.rows.toLocaleString('en-US')} rows) goes for good; this cannot be undone. The working data is not touched.`,
      confirmLabel: 'Delete vintage',
      danger: true,
    });
    if (yes) await remove(shown.name);
  };
  return (
    <div className="scenario-bar vintage-bar" data-testid="vintage-bar">
      <label>
        Inputs{' '}
        <select
          aria-label="Vintage"
          value={vintage ?? ''}
          onChange={(e) => void use(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">Working data (editable)</option>
          {vintages.map((v) => (
            <option key={v.name} value={v.name}>
              Vintage {v.name} ({v.date})
            </option>
          ))}
        </select>
      </label>
      {shown ? (
        <>
          <span className="badge" title="A vintage never changes; slider moves on it are not saved.">
            read-only
          </span>
          <span className="muted scenario-description" data-testid="vintage-note">
            {shown.note}
          </span>
          <button type="button" className="small" onClick={() => void del()}>
            Delete vintage…
          </button>
        </>
      ) : (
        <span className="muted scenario-description">
          {vintages.length} vintage{vintages.length === 1 ? '' : 's'} kept
        </span>
      )}
      <button type="button" className="small" onClick={() => setSnapshotting(true)}>
        Snapshot now…
      </button>
      {snapshotting && <SnapshotDialog taken={vintages.map((v) => v.name)} onClose={() => setSnapshotting(false)} />}
    </div>
  );
}
