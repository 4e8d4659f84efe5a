// The PostgreSQL store: the same repositories as store/sqlite, on one connection pool.
import type { Store } from '../store.ts';
import { PgDb } from './database.ts';
import { PgAlerts, PgAudit, PgClusters, PgLabels, PgPosts, PgScores, PgSessions, PgUsers } from './core.ts';
import { PgLoginThrottle } from './accounts.ts';
import { PgCrawlLeases } from './crawl-leases.ts';
import { PgCrawlState } from './crawl-state.ts';
import { PgFullText } from './full-text.ts';
import { PgAlertWordings, PgExplainers, PgFeedback, PgPublishJobs } from './publicity.ts';
import { PgSourceHealth } from './source-health.ts';
import { PgClusterTicks } from './cluster-ticks.ts';

/** Opens the pool and starts the migrations; the first query waits for them (and reports their failure). */
export function openPostgresStore(databaseUrl: string): Store {
  const db = new PgDb(databaseUrl);
  return {
    posts: new PgPosts(db),
    scores: new PgScores(db),
    clusters: new PgClusters(db),
    alerts: new PgAlerts(db),
    users: new PgUsers(db),
    sessions: new PgSessions(db),
    loginThrottle: new PgLoginThrottle(db),
    audit: new PgAudit(db),
    crawl: new PgCrawlState(db),
    crawlLeases: new PgCrawlLeases(db),
    fullText: new PgFullText(db),
    labels: new PgLabels(db),
    explainers: new PgExplainers(db),
    publishJobs: new PgPublishJobs(db),
    feedback: new PgFeedback(db),
    wordings: new PgAlertWordings(db),
    sourceHealth: new PgSourceHealth(db),
    clusterTicks: new PgClusterTicks(db),
    migrations: () => db.applied(),
    close: () => db.close(),
  };
}
