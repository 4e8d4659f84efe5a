// The crawl-lease contract (tests/crawler/lease-contract.ts) on PostgreSQL: two pools on one
// schema stand for two worker processes. SQLite runs the same contract in the unit tier
// (tests/crawler/lease-contract.test.ts); this one is here because it needs the tier's server.
import { describe } from 'vitest';
import { openStore } from '../../store/index.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';
import { leaseContract } from '../crawler/lease-contract.ts';

const skip = postgresSkipReason();
let url: Promise<string> | null = null;

if (skip)
  describe.skip(`crawl leases [postgres] — 跳过：${skip}`, () => leaseContract(() => openStore('unused', { databaseUrl: 'postgres://127.0.0.1/none' })));
else
  describe('crawl leases [postgres]', () => {
    // One schema for the whole file: every call opens another store on the same database.
    leaseContract(async () => openStore('unused', { databaseUrl: await (url ??= freshSchemaUrl()) }));
  });
