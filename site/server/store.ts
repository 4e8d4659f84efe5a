// The store as the server-rendered console sees it: opened once per data directory or database
// (the server environment's data directory and DATABASE_URL, handed over by startServer) and shared
// by every request. Registered on globalThis so the process that started the server can close it
// on shutdown.
import { openStore, resolveDataDir, type Store } from '../../store/index.ts';
import { serverEnv } from './env.ts';

const REGISTRY = Symbol.for('minsheng.ssrStores');

export function storeRegistry(): Map<string, Store> {
  const g = globalThis as unknown as Record<symbol, Map<string, Store> | undefined>;
  return (g[REGISTRY] ??= new Map<string, Store>());
}

export function getStore(): Store {
  const env = serverEnv();
  const dir = resolveDataDir(undefined, env);
  // Servers on one PostgreSQL share it whatever their data directories are.
  const key = env.databaseUrl ?? dir;
  const stores = storeRegistry();
  let store = stores.get(key);
  if (!store) {
    store = openStore(dir, { databaseUrl: env.databaseUrl });
    stores.set(key, store);
  }
  return store;
}
