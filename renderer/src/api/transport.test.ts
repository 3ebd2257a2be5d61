import { describe, expect, it } from 'vitest';
import type { Bridge, Reply } from '../../../shared/contract/index.js';
import { ipcTransport } from './transport.js';

/**
 * The desktop transport over the preload's bridge. The bridge is Electron's side (the
 * preload and ipcMain), which cannot start here; this stands in for it with the replies the
 * main process gives, and checks what the window does with them.
 */
function bridge(reply: Reply<{ upload: string; name: string }>, seen: File[]): Bridge {
  return {
    invoke: () => Promise.resolve({ ok: true, value: null }),
    on: () => () => undefined,
    dropped: (file) => {
      seen.push(file);
      return Promise.resolve(reply);
    },
    contextMenu: (items) =>
      Promise.resolve(items.find((i) => 'id' in i && i.enabled && i.id === 'copy') ? 'copy' : null),
  };
}

describe('the desktop transport', () => {
  it('hands a dropped file to the preload and returns the file id the main process gave', async () => {
    const seen: File[] = [];
    const t = ipcTransport(bridge({ ok: true, value: { upload: 'a'.repeat(24), name: 'capex.xlsx' } }, seen));
    const file = new File(['x'], 'capex.xlsx');
    expect(await t.dropped?.(file)).toEqual({ upload: 'a'.repeat(24), name: 'capex.xlsx' });
    expect(seen).toEqual([file]);
    // The desktop has no upload: files reach the main process by path, never as bytes from the page.
    expect(t.upload).toBeUndefined();
  });

  it('shows context menus through the preload and answers the chosen id', async () => {
    const t = ipcTransport(bridge({ ok: true, value: { upload: 'a'.repeat(24), name: 'x' } }, []));
    expect(await t.contextMenu?.([{ id: 'copy', label: 'Copy', enabled: true }])).toBe('copy');
    expect(await t.contextMenu?.([{ id: 'copy', label: 'Copy', enabled: false }])).toBeNull();
  });

  it("turns a refusal into an error carrying the main process's message", async () => {
    const t = ipcTransport(
      bridge(
        {
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'Only files dropped from the desktop can be imported this way.' },
        },
        [],
      ),
    );
    await expect(t.dropped?.(new File([''], 'made-up.csv'))).rejects.toThrow('Only files dropped from the desktop');
  });
});
