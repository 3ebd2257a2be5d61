import { useState } from 'react';
import { useT } from '../language.js';
import { useApp } from '../state/context.js';
import type { DialogSlice } from '../state/types.js';
import { Modal } from './Modal.js';

/** The one question the window is asking, if any: a name to type or a choice to confirm. */
export function AppDialog() {
  const dialog = useApp((s) => s.dialog);
  if (!dialog) return null;
  // A new question is a new form: keyed so a previous answer's text never carries over.
  return <Question key={`${dialog.kind}:${dialog.title}`} dialog={dialog} />;
}

function Question({ dialog }: { dialog: NonNullable<DialogSlice['dialog']> }) {
  const [text, setText] = useState(dialog.kind === 'text' ? (dialog.initial ?? '') : '');
  const cancel = () => dialog.resolve(null);
  const t = useT();
  if (dialog.kind === 'confirm') {
    return (
      <Modal title={dialog.title} onClose={cancel} testId="app-dialog">
        <p>{dialog.message}</p>
        <div className="modal-actions">
          <button type="button" onClick={cancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={dialog.danger ? 'danger primary' : 'primary'}
            autoFocus
            onClick={() => dialog.resolve(true)}
          >
            {dialog.confirmLabel ?? t('common.ok')}
          </button>
        </div>
      </Modal>
    );
  }
  const value = text.trim();
  const problem = value === '' ? t('common.typeName') : (dialog.validate?.(value) ?? null);
  return (
    <Modal title={dialog.title} onClose={cancel} testId="app-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) dialog.resolve(value);
        }}
      >
        <label className="field">
          {dialog.label}
          <input
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onFocus={(e) => e.target.select()}
            aria-invalid={problem !== null && text !== (dialog.initial ?? '')}
            aria-describedby="app-dialog-problem"
          />
        </label>
        <p id="app-dialog-problem" className="field-problem" aria-live="polite">
          {text !== (dialog.initial ?? '') || value === '' ? (problem ?? '') : ''}
        </p>
        <div className="modal-actions">
          <button type="button" onClick={cancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={problem !== null}>
            {dialog.confirmLabel ?? t('common.ok')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
