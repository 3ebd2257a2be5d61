import { type Text, textIn } from '../i18n/index.js';
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
  /** In English, for logs, the CLI and tools; windows word `text` in their own language. */
  message: string;
  details?: Record<string, unknown>;
  /** The message as data (a catalogue key and parameters), where the thrower gave one. */
  text?: Text;
}

/** `changed`: what the call wrote, when it wrote anything (see changes.ts). */
export type Reply<T> = { ok: true; value: T; changed?: Changed } | { ok: false; error: ErrorBody; changed?: Changed };

/** Thrown by services and handlers; the router turns it into an error reply. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly text?: Text;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, text?: Text) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
    if (text) this.text = text;
  }

  /** An error worded by the catalogue: English in `message`, the key and parameters in `text`. */
  static of(code: ErrorCode, text: Text, details?: Record<string, unknown>): AppError {
    return new AppError(code, textIn('en', text), details, text);
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.text ? { text: this.text } : {}),
    };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
