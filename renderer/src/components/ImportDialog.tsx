import { useEffect, useMemo, useRef, useState } from 'react';
import { modelColumns } from '../../../shared/model/index.js';
import { columnHeading } from '../../../shared/text/column-heading.js';
import { guessMapping } from '../import-mapping.js';
import {
  AppError,
  COLUMN_TYPES,
  type ColumnType,
  DELIMITERS,
  ENCODING_CHOICES,
  IMPORT_EXTENSIONS,
  type ImportPreview,
} from '../../../shared/contract/index.js';
import { useTransport } from '../api/transport-context.js';
import { useApp } from '../state/context.js';
import { messageOf } from '../state/notices-slice.js';
import { Modal } from './Modal.js';

type Encoding = (typeof ENCODING_CHOICES)[number];
type Delimiter = (typeof DELIMITERS)[number];

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };

/** `wanted`, or `wanted_2`, `wanted_3`… where it is taken. */
function freeName(wanted: string, taken: string[]): string {
  const names = new Set(taken);
  if (!names.has(wanted)) return wanted;
  let n = 2;
  while (names.has(`${wanted}_${n}`)) n++;
  return `${wanted}_${n}`;
}

function datasetNameFrom(file: string): string {
  const stem = file
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(stem) ? stem.slice(0, 60) : `data_${stem}`.slice(0, 60);
}

/** Import wizard: choose or drop a file, check the preview and types, pick where it goes. */
export function ImportDialog({ initialFile, onClose }: { initialFile: File | null; onClose: () => void }) {
  const transport = useTransport();
  const api = useApp((s) => s.api);
  const datasets = useApp((s) => s.datasets);
  const select = useApp((s) => s.select);
  const notify = useApp((s) => s.notify);
  const [upload, setUpload] = useState<{ upload: string; name: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [delimiter, setDelimiter] = useState<Delimiter | undefined>(undefined);
  const [types, setTypes] = useState<Record<string, ColumnType>>({});
  const [mode, setMode] = useState<'new' | 'append' | 'replace'>('new');
  const [dataset, setDataset] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  /** The header row the analyst chose; null while the wizard's own detection stands. */
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  // Ctrl+Z undoes an append or replace; a copy is for keeping the old rows beyond the undo history.
  const [keepCopy, setKeepCopy] = useState(false);
  const [duplicates, setDuplicates] = useState(false);
  const def = useApp((s) => s.def);
  /** Append/replace: file column -> dataset column ('' leaves it out). */
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [running, setRunning] = useState<{ done: number; total: number; task: string } | null>(null);
  const target = datasets.find((d) => d.name === dataset);

  // The upload's copy in the main process goes when the dialog closes (an import that succeeded
  // has released it already; one that failed kept it so the analyst could try other options).
  const uploadRef = useRef<{ upload: string } | null>(null);
  useEffect(
    () => () => {
      const last = uploadRef.current;
      if (last) void api['import.discard']({ upload: last.upload }).catch(() => {});
    },
    [api],
  );

  // The main process reports each stage of a running import.
  useEffect(
    () =>
      transport.on('progress', (p) => {
        if (p.task.startsWith('Import')) setRunning(p);
      }),
    [transport],
  );

  const previewTicket = useRef(0);
  /** Checks the file with the chosen encoding and delimiter; runs on every change of either. */
  const loadPreview = async (
    sent: { upload: string },
    enc: Encoding,
    delim: Delimiter | undefined,
    choice: { sheet?: string | undefined; headerRow?: number | null } = { sheet, headerRow },
  ) => {
    // Only the newest check may fill the wizard: a slow answer for the previous sheet or
    // header row must not overwrite the one the analyst has just chosen.
    const ticket = ++previewTicket.current;
    setBusy('Checking the file…');
    try {
      const p = await api['import.preview']({
        upload: sent.upload,
        encoding: enc,
        ...(delim ? { delimiter: delim } : {}),
        ...(choice.sheet ? { sheet: choice.sheet } : {}),
        ...(choice.headerRow ? { headerRow: choice.headerRow } : {}),
      });
      if (ticket !== previewTicket.current) return;
      setPreview(p);
      setTypes(Object.fromEntries(p.columns.map((c) => [c.name, c.type])));
      setError(null);
    } catch (e) {
      if (ticket !== previewTicket.current) return;
      setPreview(null);
      setError(messageOf(e));
    } finally {
      if (ticket === previewTicket.current) setBusy(null);
    }
  };
  const chosen = async (sent: { upload: string; name: string }) => {
    // A second file replaces the first: the first's copy is not needed any more.
    const earlier = uploadRef.current;
    if (earlier && earlier.upload !== sent.upload)
      void api['import.discard']({ upload: earlier.upload }).catch(() => {});
    uploadRef.current = sent;
    setUpload(sent);
    setDataset(datasetNameFrom(sent.name));
    await loadPreview(sent, encoding, delimiter);
  };
  const send = async (file: File) => {
    // The browser host uploads the bytes; the desktop app hands over the dropped file's path.
    const handOver = transport.upload ?? transport.dropped;
    if (!handOver) return;
    setBusy(`Reading ${file.name}…`);
    setError(null);
    try {
      await chosen(await handOver(file));
    } catch (e) {
      setError(messageOf(e));
      setBusy(null);
    }
  };
  const pick = async () => {
    try {
      const picked = await api['import.pick']({});
      if (picked) await chosen(picked);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const changeEncoding = (enc: Encoding) => {
    setEncoding(enc);
    if (upload) void loadPreview(upload, enc, delimiter);
  };
  const changeDelimiter = (delim: Delimiter) => {
    setDelimiter(delim);
    if (upload) void loadPreview(upload, encoding, delim);
  };
  const changeSheet = (name: string) => {
    setSheet(name);
    setHeaderRow(null); // each sheet has its own title rows: detect again
    if (upload) void loadPreview(upload, encoding, delimiter, { sheet: name, headerRow: null });
  };
  const changeHeaderRow = (row: number) => {
    if (!Number.isInteger(row) || row < 1 || row > 1000) return;
    setHeaderRow(row);
    if (upload) void loadPreview(upload, encoding, delimiter, { sheet, headerRow: row });
  };
  /** The column a file column goes to: the analyst's choice, else the closest by name, label and unit. */
  const guessed = useMemo(
    () => (preview && target ? guessMapping(preview.columns, target.columns) : {}),
    [preview, target],
  );
  const mappedTo = (file: string): string => mapping[file] ?? guessed[file] ?? '';
  /** Columns the model reads that no file column feeds: imported rows would leave them empty. */
  const fed = new Set(preview?.columns.map((c) => mappedTo(c.name)) ?? []);
  const reads = def && target && mode !== 'new' ? modelColumns(def).get(target.name) : undefined;
  const unmappedModel = target?.columns.filter((c) => reads?.has(c.name) && !fed.has(c.name)) ?? [];
  const needsAck = unmappedModel.length > 0 && !acknowledged;
  const cancel = async () => {
    if (!upload) return;
    await api['import.cancel']({ upload: upload.upload }).catch(() => undefined);
  };

  useEffect(() => {
    // The file dropped on the window: uploading it is the point of opening the dialog with it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (initialFile) void send(initialFile);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the file the dialog opened with
  }, [initialFile]);

  const run = async (allowDuplicateKeys = false) => {
    if (!upload || !preview) return;
    setBusy(`Importing ${preview.rows.toLocaleString('en-US')} rows…`);
    setError(null);
    setDuplicates(false);
    // An import is not an undo step (it can be a million rows): a copy taken first is the way back.
    let copy: string | null = null;
    try {
      if (mode !== 'new' && keepCopy && target) {
        copy = freeName(
          `${target.name}_before_import`,
          datasets.map((d) => d.name),
        );
        await api['datasets.duplicate']({ dataset: target.name, to: copy });
      }
      const done = await api['import.run']({
        upload: upload.upload,
        encoding,
        ...(delimiter ? { delimiter } : {}),
        ...(sheet ? { sheet } : {}),
        headerRow: headerRow ?? preview.headerRow,
        dataset,
        mode,
        ...(allowDuplicateKeys ? { allowDuplicateKeys } : {}),
        ...(mode === 'new'
          ? { types }
          : { mapping: Object.fromEntries(preview.columns.map((c) => [c.name, mappedTo(c.name) || null])) }),
      });
      // The reply has reloaded what the import changed; the analyst is shown the dataset.
      await select(done.dataset.name);
      notify(
        'info',
        `Imported ${done.imported.toLocaleString('en-US')} rows into ${done.dataset.label}.${copy ? ` The rows before it are kept in ${copy}.` : ''}`,
      );
      onClose();
    } catch (e) {
      // Refused: the copy goes too, so the workbook is exactly as it was.
      if (copy) await api['datasets.delete']({ dataset: copy }).catch(() => undefined);
      setDuplicates(e instanceof AppError && e.details?.['kind'] === 'duplicate-keys');
      setError(`${messageOf(e)} The workbook is unchanged.`);
    } finally {
      setBusy(null);
      setRunning(null);
    }
  };

  return (
    <Modal title="Import data" onClose={onClose} className="wide" testId="import-dialog">
      {!upload && (
        <div className="drop-hint">
          <p>
            Excel (.xlsx), CSV, TSV, JSON (an array of objects) or Parquet. You can also drop a file anywhere on the
            window.
          </p>
          {transport.upload ? (
            <label className="button-like">
              Choose a file…
              <input
                type="file"
                aria-label="File to import"
                accept={IMPORT_EXTENSIONS.map((x) => `.${x}`).join(',')}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void send(f);
                }}
              />
            </label>
          ) : (
            <button type="button" onClick={() => void pick()}>
              Choose a file…
            </button>
          )}
        </div>
      )}
      {upload && (
        <div className="import-options">
          <strong>{upload.name}</strong>
          {preview?.sheets && (
            <label>
              Sheet{' '}
              <select aria-label="Sheet" value={preview.sheet ?? ''} onChange={(e) => changeSheet(e.target.value)}>
                {preview.sheets.map((x) => (
                  <option key={x} value={x}>
                    {x}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label title="The row holding the column names; rows above it (titles, notes) are passed over">
            Header row{' '}
            <input
              aria-label="Header row"
              type="number"
              min={1}
              max={1000}
              value={headerRow ?? preview?.headerRow ?? 1}
              onChange={(e) => changeHeaderRow(Number(e.target.value))}
            />
            {headerRow === null && (preview?.headerRow ?? 1) > 1 && (
              <span className="muted" data-testid="header-found">
                {' '}
                found: rows above it are titles
              </span>
            )}
          </label>
          {!preview?.sheets && (
            <label>
              Encoding{' '}
              <select
                aria-label="Encoding"
                value={encoding}
                onChange={(e) => changeEncoding(e.target.value as Encoding)}
              >
                {ENCODING_CHOICES.map((x) => (
                  <option key={x} value={x}>
                    {x === 'auto' ? 'detect (UTF-8, marked, else GB18030)' : x.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
          )}
          {!preview?.sheets && (
            <label>
              Delimiter{' '}
              <select
                aria-label="Delimiter"
                value={delimiter ?? preview?.delimiter ?? ','}
                onChange={(e) => changeDelimiter(e.target.value as Delimiter)}
              >
                {DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {DELIMITER_NAMES[d]}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      {busy && (
        <div className="progress" role="status">
          {running ? (
            <progress aria-label="Import progress" value={running.done} max={running.total} />
          ) : (
            <progress aria-label="Import progress" />
          )}
          <span>
            {busy}
            {running && ` (${running.task.replace(/^[^:]*:\s*/, '')})`}
          </span>
          {busy.startsWith('Importing') && (
            <button type="button" onClick={() => void cancel()}>
              Stop import
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {preview && (
        <>
          <p className="muted" data-testid="import-summary">
            {preview.rows.toLocaleString('en-US')} rows, {preview.columns.length} columns. First rows:
          </p>
          <div className="preview-wrap">
            <table className="compare-table preview" data-testid="import-preview">
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c.name}>
                      <div>{c.label}</div>
                      <div className="muted">{c.name}</div>
                      {mode !== 'new' && target && (
                        <select
                          aria-label={`Dataset column for ${c.label}`}
                          value={mappedTo(c.name)}
                          onChange={(e) => setMapping({ ...mapping, [c.name]: e.target.value })}
                        >
                          <option value="">(leave out)</option>
                          {target.columns.map((d) => (
                            <option key={d.name} value={d.name}>
                              → {columnHeading(d)}
                            </option>
                          ))}
                        </select>
                      )}
                      {mode === 'new' && (
                        <select
                          aria-label={`Type of ${c.label}`}
                          value={types[c.name] ?? c.type}
                          onChange={(e) => setTypes({ ...types, [c.name]: e.target.value as ColumnType })}
                        >
                          {COLUMN_TYPES.map((t) => (
                            <option key={t} value={t}>
                              {t}
                            </option>
                          ))}
                        </select>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (
                      <td key={j}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="import-target">
            <label>
              <input type="radio" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} /> New dataset
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === 'append'} onChange={() => setMode('append')} /> Append
              to
            </label>
            <label>
              <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} />{' '}
              Replace rows of
            </label>
            {mode === 'new' ? (
              <input aria-label="New dataset name" value={dataset} onChange={(e) => setDataset(e.target.value)} />
            ) : (
              <select aria-label="Target dataset" value={dataset} onChange={(e) => setDataset(e.target.value)}>
                <option value="">choose…</option>
                {datasets.map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.label}
                  </option>
                ))}
              </select>
            )}
            <span className="spacer" />
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={!dataset || busy !== null || needsAck}
              onClick={() => void run()}
            >
              Import
            </button>
          </div>
          {unmappedModel.length > 0 && target && (
            <div className="import-warnings" role="alert" data-testid="import-warnings">
              <strong>The model reads columns this file leaves empty.</strong>
              <ul>
                {unmappedModel.map((c) => (
                  <li key={c.name}>
                    {target.label}: <strong>{columnHeading(c)}</strong> gets no file column: every imported row would
                    have it empty, and the outputs that need it would show an error.
                  </li>
                ))}
              </ul>
              <label>
                <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />{' '}
                Import anyway
              </label>
            </div>
          )}
          {duplicates && (
            <div className="import-warnings" data-testid="import-duplicates">
              Rows that repeat a key leave the model two values for one cell; it uses the first and lists the others as
              problems.{' '}
              <button type="button" className="small" onClick={() => void run(true)} disabled={busy !== null}>
                Import them anyway
              </button>
            </div>
          )}
          {mode !== 'new' && (
            <>
              <p className="muted">
                Each file column goes to the dataset column chosen above it (guessed from names, labels and units until
                you change it); every cell is checked against the dataset&apos;s types, and rows that repeat a key the
                model reads by are refused, before anything is written.
              </p>
              <label className="muted">
                <input type="checkbox" checked={keepCopy} onChange={(e) => setKeepCopy(e.target.checked)} /> Also keep a
                copy of {target?.label ?? 'the dataset'} as it is now (Undo takes the whole import back in one step; a
                copy stays after the undo history has moved on)
              </label>
            </>
          )}
        </>
      )}
    </Modal>
  );
}
