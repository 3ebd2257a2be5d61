import type { ExportDone } from '../../../shared/contract/index.js';
import { useTransport } from '../api/transport-context.js';
import { useApp } from '../state/context.js';
import { messageOf } from '../state/notices-slice.js';

/** Runs an export in the main process, then downloads it (browser) or reports where it was saved (desktop). */
export function useExport() {
  const transport = useTransport();
  const notify = useApp((s) => s.notify);
  return async (run: () => Promise<ExportDone>) => {
    try {
      const done = await run();
      if (done.download && transport.download) await transport.download(done.download, done.name);
      if (done.savedTo) notify('info', `Saved ${done.savedTo}`);
      else if (done.download) notify('info', `Exported ${done.name}`);
    } catch (error) {
      notify('error', messageOf(error));
    }
  };
}
