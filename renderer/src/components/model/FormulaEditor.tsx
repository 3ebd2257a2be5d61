import { autocompletion, completionKeymap, type CompletionContext } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { ModelProblem } from '../../../../shared/contract/index.js';
import type { Completion } from '../../model-draft.js';
import { formulaHighlight, formulaLanguage } from './formula-language.js';

interface Props {
  /** The formula when the editor opens; remount (key) to edit another item. */
  initial: string;
  onChange: (formula: string) => void;
  completions: Completion[];
  /** The checker's problem in this formula, underlined at its position. */
  problem: ModelProblem | null;
  label: string;
  /** The hover card of a name (its label, unit, dimensions and value now), or null for none. */
  describe: (name: string) => { title: string; lines: string[] } | null;
}

/** The name (or `dimension.attribute`) at a document position, with where it starts and ends. */
export function nameAt(doc: string, pos: number): { from: number; to: number; name: string } | null {
  let from = pos;
  let to = pos;
  while (from > 0 && /[\w.]/.test(doc[from - 1] ?? '')) from--;
  while (to < doc.length && /[\w.]/.test(doc[to] ?? '')) to++;
  const name = doc.slice(from, to);
  return /^[A-Za-z_][\w.]*$/.test(name) ? { from, to, name } : null;
}

/** Where a problem's underline goes: the word at its 1-based position, at least one character. */
export function underline(doc: string, position: number): { from: number; to: number } {
  const len = doc.length;
  if (len === 0) return { from: 0, to: 0 };
  let from = Math.min(Math.max(position - 1, 0), len - 1);
  let to = from;
  while (to < len && /[\w.]/.test(doc[to] ?? '')) to++;
  if (to === from) to = Math.min(from + 1, len);
  if (from === len) from = len - 1;
  return { from, to };
}

/**
 * A formula in a real code editor: the model language coloured, names in scope completed (with
 * their label and unit, functions with their signature), undo of its own, and the checker's
 * error underlined where it is while the analyst types.
 */
export function FormulaEditor({ initial, onChange, completions, problem, label, describe }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  const names = useRef(completions);
  const described = useRef(describe);
  useEffect(() => {
    changed.current = onChange;
    names.current = completions;
    described.current = describe;
  });

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const complete = (ctx: CompletionContext) => {
      const word = ctx.matchBefore(/[\w.]+/);
      if (!word || (word.from === word.to && !ctx.explicit)) return null;
      return {
        from: word.from,
        options: names.current.map((c) => ({
          label: c.label,
          type: c.type === 'attribute' ? 'property' : c.type,
          detail: c.detail,
          ...(c.type === 'function' ? { apply: `${c.label}(` } : {}),
        })),
        validFor: /^[\w.]*$/,
      };
    };
    const editor = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial,
        extensions: [
          formulaLanguage,
          syntaxHighlighting(formulaHighlight),
          history(),
          autocompletion({ override: [complete] }),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          hoverTooltip((view, pos) => {
            const at = nameAt(view.state.doc.toString(), pos);
            const card = at ? described.current(at.name) : null;
            if (!at || !card) return null;
            return {
              pos: at.from,
              end: at.to,
              above: true,
              create: () => {
                const dom = document.createElement('div');
                dom.className = 'formula-hover';
                dom.setAttribute('role', 'tooltip');
                const title = dom.appendChild(document.createElement('strong'));
                title.textContent = card.title;
                for (const line of card.lines) dom.appendChild(document.createElement('div')).textContent = line;
                return { dom };
              },
            };
          }),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor owns its text once made; a new item remounts it (the caller keys it by id).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const doc = editor.state.doc.toString();
    const diagnostics: Diagnostic[] =
      problem && problem.position !== undefined
        ? [{ ...underline(doc, problem.position), severity: 'error', message: problem.detail }]
        : [];
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [problem]);

  return <div ref={host} className="formula-editor" data-testid="formula-editor" />;
}
