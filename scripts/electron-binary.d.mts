/** Where the Electron binary is, or null where its download did not work. */
export function electronBinary(): string | null;
