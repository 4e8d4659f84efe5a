// Opening the store: embedded SQLite in the data directory (the default, no setting), or
// PostgreSQL when a database URL is given (DATABASE_URL, read at the edge by config/env.ts).
// The Store interface is what everything else depends on.
import { join, resolve } from 'node:path';
import type { Store } from './store.ts';
import { appliedMigrations, openDatabase } from './sqlite/database.ts';
import { SqliteAlerts, SqliteAudit, SqliteClusters, SqliteLabels, SqlitePosts, SqliteScores, SqliteSessions, SqliteUsers } from './sqlite/core.ts';
import { SqliteLoginThrottle } from './sqlite/accounts.ts';
import { SqliteCrawlState } from './sqlite/crawl-state.ts';
import { SqliteCrawlLeases } from './sqlite/crawl-leases.ts';
import { SqliteFullText } from './sqlite/full-text.ts';
import { SqliteAlertWordings, SqliteExplainers, SqliteFeedback, SqlitePublishJobs } from './sqlite/publicity.ts';
import { SqliteSourceHealth } from './sqlite/source-health.ts';
import { SqliteClusterTicks } from './sqlite/cluster-ticks.ts';
import { openPostgresStore } from './postgres/index.ts';

export type { AttemptReservation, LoginThrottleRepo, Store } from './store.ts';
export { StoreConflictError } from './store.ts';
export * from './types.ts';
export type * from './publicity.ts';
export type { SourceHealth, SourceState, SourceRun, SourceErrorKind } from './source-health.ts';

/** The data directory: `--data DIR`, else MINSHENG_DATA (the parsed environment's dataDir), else ./data. */
export function resolveDataDir(flag?: string, env: { dataDir?: string } = {}): string {
  return resolve(flag ?? env.dataDir ?? 'data');
}

export interface StoreOptions {
  /** postgres://… — use PostgreSQL instead of the SQLite file in the data directory. */
  databaseUrl?: string;
}

export function openStore(dataDir: string, options: StoreOptions = {}): Store {
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl);
  const db = openDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'minsheng.sqlite'));
  return {
    posts: new SqlitePosts(db),
    scores: new SqliteScores(db),
    clusters: new SqliteClusters(db),
    alerts: new SqliteAlerts(db),
    users: new SqliteUsers(db),
    sessions: new SqliteSessions(db),
    loginThrottle: new SqliteLoginThrottle(db),
    audit: new SqliteAudit(db),
    crawl: new SqliteCrawlState(db),
    crawlLeases: new SqliteCrawlLeases(db),
    fullText: new SqliteFullText(db),
    labels: new SqliteLabels(db),
    explainers: new SqliteExplainers(db),
    publishJobs: new SqlitePublishJobs(db),
    feedback: new SqliteFeedback(db),
    wordings: new SqliteAlertWordings(db),
    sourceHealth: new SqliteSourceHealth(db),
    clusterTicks: new SqliteClusterTicks(db),
    migrations: async () => appliedMigrations(db),
    close: async () => {
      db.close();
    },
  };
}
