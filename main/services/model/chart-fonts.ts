import { existsSync } from 'node:fs';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * Fonts for chart pictures drawn without a window. resvg only knows the fonts it is given or
 * finds; left to its own fallback it drew Chinese in a serif CJK face beside a sans Latin one. So
 * a sans CJK font is looked for where each system keeps one and named as the family; where none
 * exists Latin text still draws in DejaVu Sans and Chinese falls back to whatever the system has.
 */
const CJK_SANS: { file: string; family: string }[] = [
  // Debian and Ubuntu (fonts-noto-cjk), Fedora, Arch
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  // macOS and Windows
  { file: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'Microsoft YaHei' },
];

const LATIN = 'DejaVu Sans';

let found: { file: string; family: string } | null | undefined;

/** The first sans CJK font this machine has, looked up once. */
export function cjkSansFont(): { file: string; family: string } | null {
  if (found === undefined) found = CJK_SANS.find((f) => existsSync(f.file)) ?? null;
  return found;
}

/** resvg's font options for text that may hold Chinese. */
export function chartFontOptions(): NonNullable<ResvgRenderOptions['font']> {
  const cjk = cjkSansFont();
  if (!cjk) return { loadSystemFonts: true, defaultFontFamily: LATIN, sansSerifFamily: LATIN };
  // Noto Sans CJK carries Latin letters and digits too: one family keeps a line even.
  return { loadSystemFonts: true, fontFiles: [cjk.file], defaultFontFamily: cjk.family, sansSerifFamily: cjk.family };
}
