import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './store.js';
import type { AppState } from './types.js';

export const StoreContext = createContext<AppStore | null>(null);

export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside StoreContext');
  return useStore(store, selector);
}
