// The crawl-lease contract (tests/crawler/lease-contract.ts) on SQLite: two handles on one file in
// this process stand for two workers.
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/index.ts';
import { leaseContract } from './lease-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-leases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

leaseContract(() => openStore(dir));
