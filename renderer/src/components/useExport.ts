import type { ExportDone } from '../../../shared/contract/index.js';
import { useTransport } from '../api/transport-context.js';
import { useT } from '../language.js';
import { useApp } from '../state/context.js';
import { messageOf } from '../state/notices-slice.js';

/** Runs an export in the main process, then downloads it (browser) or reports where it was saved (desktop). */
export function useExport() {
  const transport = useTransport();
  const notify = useApp((s) => s.notify);
  const withBusy = useApp((s) => s.withBusy);
  const t = useT();
  return async (run: () => Promise<ExportDone>) => {
    try {
      const done = await withBusy(t('export.busy'), async () => {
        const result = await run();
        if (result.download && transport.download) await transport.download(result.download, result.name);
        return result;
      });
      if (done.savedTo) notify('info', t('export.savedTo', { path: done.savedTo }));
      else if (done.download) notify('info', t('export.exported', { name: done.name }));
    } catch (error) {
      notify('error', messageOf(error));
    }
  };
}
