import { AppError } from '../../shared/contract/index.js';
import type { Text } from '../../shared/i18n/index.js';

/**
 * A failed write said by its cause, not guessed: a full disk, a name the file system will not
 * take, a folder we may not write to. `what` names the thing being written ("the upload of
 * capex.xlsx", as a catalogue Text). An AppError passes through unchanged.
 */
export function writeError(error: unknown, what: Text): AppError {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return AppError.of('DISK_FULL', { key: 'mainError.diskFull', params: { what } });
    case 'ENAMETOOLONG':
      return AppError.of('NAME_TOO_LONG', { key: 'mainError.nameTooLong', params: { what } });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return AppError.of('PERMISSION_DENIED', { key: 'mainError.cannotWrite', params: { what } });
    default:
      return AppError.of('WRITE_FAILED', {
        key: 'mainError.writeFailed',
        params: { what, code: code || '?', reason: error instanceof Error ? error.message : String(error) },
      });
  }
}

/** Most bytes a file name may take here: Linux and macOS allow 255; room is kept for suffixes. */
export const MAX_NAME_BYTES = 200;

/**
 * A file name cut by UTF-8 bytes, not UTF-16 units: 100 Chinese characters are 300 bytes, over
 * the 255 a Linux or macOS name may take. The extension is kept whole (the import reads the
 * kind of file from it); the cut never splits a character.
 */
export function byteSafeName(name: string, maxBytes = MAX_NAME_BYTES): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = maxBytes - Buffer.byteLength(ext);
  let stem = '';
  let bytes = 0;
  for (const ch of name.slice(0, name.length - ext.length)) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > budget) break;
    stem += ch;
    bytes += n;
  }
  return `${stem}${ext}`;
}
