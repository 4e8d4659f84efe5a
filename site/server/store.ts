// The store as the server-rendered console sees it: opened once per data directory
// (MINSHENG_DATA, set by startServer) or database (setStoreOptions, called by startServer with
// the parsed DATABASE_URL) and shared by every request. Registered on globalThis so the process
// that started the server can close it on shutdown, and so the options reach the built bundle's
// copy of this module.
import { openStore, resolveDataDir, type Store, type StoreOptions } from '../../store/index.ts';

const REGISTRY = Symbol.for('minsheng.ssrStores');
const OPTIONS = Symbol.for('minsheng.ssrStoreOptions');

export function setStoreOptions(options: StoreOptions): void {
  (globalThis as unknown as Record<symbol, StoreOptions>)[OPTIONS] = options;
}

export function storeRegistry(): Map<string, Store> {
  const g = globalThis as unknown as Record<symbol, Map<string, Store> | undefined>;
  return (g[REGISTRY] ??= new Map<string, Store>());
}

export function getStore(): Store {
  const dir = resolveDataDir();
  const options = (globalThis as unknown as Record<symbol, StoreOptions | undefined>)[OPTIONS] ?? {};
  const key = options.databaseUrl ?? dir;
  const stores = storeRegistry();
  let store = stores.get(key);
  if (!store) {
    store = openStore(dir, options);
    stores.set(key, store);
  }
  return store;
}
