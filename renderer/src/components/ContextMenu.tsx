import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MenuEntry } from '../../../shared/contract/index.js';
import { useTransport } from '../api/transport-context.js';
import { useT } from '../language.js';
import { useApp } from '../state/context.js';

/**
 * Shows a context menu and answers the chosen command's id (null when dismissed). The desktop
 * app asks the system for its own menu through the preload; the browser host draws one here.
 * Either way the caller runs the same command for the same id.
 */
export function usePopupMenu(): (items: MenuEntry[], x: number, y: number) => Promise<string | null> {
  const transport = useTransport();
  const showMenu = useApp((s) => s.showMenu);
  return useCallback(
    (items, x, y) => (transport.contextMenu ? transport.contextMenu(items) : showMenu(items, x, y)),
    [transport, showMenu],
  );
}

/** Shortcut hints as the platform writes them. */
function shortcut(accelerator: string): string {
  const mac = navigator.platform.startsWith('Mac');
  return accelerator.replace('CmdOrCtrl', mac ? '⌘' : 'Ctrl');
}

/** The browser host's context menu: arrow keys, Enter, Escape; a click elsewhere closes it. */
export function ContextMenu() {
  const menu = useApp((s) => s.menu);
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  const enabled = (menu?.items ?? []).flatMap((item, i) => ('id' in item && item.enabled ? [i] : []));

  // Kept inside the window: opened near the right or bottom edge, the menu opens leftwards or up.
  useLayoutEffect(() => {
    const box = ref.current;
    if (!menu || !box) return;
    const { width, height } = box.getBoundingClientRect();
    setPlace({
      left: Math.max(4, Math.min(menu.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(menu.y, window.innerHeight - height - 4)),
    });
    // After the grid has settled focus on the clicked cell (it does so a turn later).
    const first = setTimeout(
      () => box.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus(),
      0,
    );
    return () => clearTimeout(first);
  }, [menu]);

  useEffect(() => {
    if (!menu) return;
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) menu.resolve(null);
    };
    const gone = () => menu.resolve(null);
    window.addEventListener('mousedown', away, true);
    window.addEventListener('blur', gone);
    window.addEventListener('resize', gone);
    return () => {
      window.removeEventListener('mousedown', away, true);
      window.removeEventListener('blur', gone);
      window.removeEventListener('resize', gone);
    };
  }, [menu]);

  if (!menu) return null;
  const move = (from: number, step: 1 | -1) => {
    if (enabled.length === 0) return;
    const at = enabled.indexOf(from);
    const next = enabled[(at + step + enabled.length) % enabled.length] ?? enabled[0];
    ref.current?.querySelector<HTMLElement>(`[data-index="${String(next)}"]`)?.focus();
  };
  return (
    <div
      ref={ref}
      role="menu"
      aria-label={t('grid.menu')}
      className="context-menu"
      style={place ? { left: place.left, top: place.top } : { left: menu.x, top: menu.y, visibility: 'hidden' }}
      onContextMenu={(e) => e.preventDefault()}
    >
      {menu.items.map((item, i) =>
        'separator' in item ? (
          <div key={i} role="separator" className="context-menu-separator" />
        ) : (
          <div
            key={item.id}
            role="menuitem"
            tabIndex={-1}
            data-index={i}
            aria-disabled={item.enabled ? undefined : true}
            className="context-menu-item"
            onClick={() => item.enabled && menu.resolve(item.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') move(i, 1);
              else if (e.key === 'ArrowUp') move(i, -1);
              else if (e.key === 'Escape' || e.key === 'Tab') menu.resolve(null);
              else if ((e.key === 'Enter' || e.key === ' ') && item.enabled) menu.resolve(item.id);
              else return;
              e.preventDefault();
            }}
          >
            <span>{item.label}</span>
            {item.accelerator && <span className="context-menu-key">{shortcut(item.accelerator)}</span>}
          </div>
        ),
      )}
    </div>
  );
}
