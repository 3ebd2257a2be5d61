/**
 * Every cap the workbench enforces, in one place (SECURITY.md lists them with their tests).
 * Each is checked where the input arrives and refused with a message that names the limit.
 */
export const LIMITS = {
  /** Longest text in a cell: Excel's own cap, so every exported cell opens in Excel. */
  textLength: 32_767,
  /** Largest file an import reads. */
  importBytes: 2 * 1024 ** 3,
  /** Largest upload the browser host accepts (the same as an import). */
  uploadBytes: 2 * 1024 ** 3,
  /** Most cells (rows x columns) one import may bring. */
  importCells: 50_000_000,
  /** What an XLSX may inflate to, counted while inflating, and its largest part-by-part ratio. */
  xlsxInflatedBytes: 1024 ** 3,
  xlsxRatio: 200,
  /** Largest JSON request body (one contract call). */
  requestBytes: 16 * 1024 * 1024,
  /** Most rows one page read may return; most edits or rows in one batch. */
  pageRows: 10_000,
  batch: 100_000,
  /** Monte Carlo draws: the CLI, and the window (which keeps every draw for its charts). */
  cliDraws: 1_000_000,
  uiDraws: 500_000,
} as const;
