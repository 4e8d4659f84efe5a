// The store as the server-rendered console sees it: opened once per data directory
// (the server environment's data directory, set by startServer) and shared by every request. Registered on globalThis so
// the process that started the server can close it on shutdown.
import { openStore, resolveDataDir, type Store } from '../../store/index.ts';
import { serverEnv } from './env.ts';

const REGISTRY = Symbol.for('minsheng.ssrStores');

export function storeRegistry(): Map<string, Store> {
  const g = globalThis as unknown as Record<symbol, Map<string, Store> | undefined>;
  return (g[REGISTRY] ??= new Map<string, Store>());
}

export function getStore(): Store {
  const dir = resolveDataDir(undefined, serverEnv());
  const stores = storeRegistry();
  let store = stores.get(dir);
  if (!store) {
    store = openStore(dir);
    stores.set(dir, store);
  }
  return store;
}
