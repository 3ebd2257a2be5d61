import type { Changed } from './changes.js';
/** Stable error codes: the renderer, the CLI and tests match on these, never on messages. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'INVALID_VALUE',
  'CONFLICT',
  'NOTHING_TO_UNDO',
  'NOTHING_TO_REDO',
  'NO_WORKBOOK',
  'WORKBOOK_LOCKED',
  'WORKBOOK_CORRUPT',
  'WORKBOOK_TOO_NEW',
  'NOT_A_WORKBOOK',
  'READ_ONLY',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOO_LARGE',
  'DISK_FULL',
  'NAME_TOO_LONG',
  'PERMISSION_DENIED',
  'WRITE_FAILED',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** `changed`: what the call wrote, when it wrote anything (see changes.ts). */
export type Reply<T> = { ok: true; value: T; changed?: Changed } | { ok: false; error: ErrorBody; changed?: Changed };

/** Thrown by services and handlers; the router turns it into an error reply. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }
  toBody(): ErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
