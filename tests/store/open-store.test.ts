// Choosing the store: SQLite in the data directory with no setting, PostgreSQL from DATABASE_URL
// (parsed once by config/env.ts); a wrong URL or an unreachable server is refused in Chinese.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env.ts';
import { ConfigError } from '../../config/load.ts';
import { openStore } from '../../store/index.ts';
import { freshSchemaUrl, postgresSkipReason } from '../helpers/postgres.ts';

describe('DATABASE_URL', () => {
  it('is read from the environment once, and must be a postgres:// address', () => {
    expect(parseEnv({ DATABASE_URL: ' postgres://minsheng@db:5432/minsheng ' }).databaseUrl).toBe('postgres://minsheng@db:5432/minsheng');
    expect(parseEnv({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/minsheng' })).toThrow(ConfigError);
    const refused = (() => {
      try {
        parseEnv({ DATABASE_URL: 'db:5432' });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(refused?.problems).toEqual(['DATABASE_URL：应为 postgres://用户:密码@主机:端口/数据库 形式的 PostgreSQL 地址']);
  });

  it('without it the store is the SQLite file in the data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-open-'));
    try {
      const store = openStore(dir, {});
      await store.posts.count();
      await store.close();
      expect(existsSync(join(dir, 'minsheng.sqlite'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unreachable server is reported on first use, in Chinese, not as a crash at open', async () => {
    // A port nobody listens on: taken and released.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const store = openStore('unused', { databaseUrl: `postgres://nobody@127.0.0.1:${port}/none` });
    await expect(store.posts.count()).rejects.toThrow(/连不上 PostgreSQL（DATABASE_URL）/);
    await store.close();
  });

  it.skipIf(postgresSkipReason())('with it the data directory holds no database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-open-'));
    try {
      const store = openStore(dir, { databaseUrl: await freshSchemaUrl() });
      await store.posts.count();
      await store.close();
      expect(existsSync(join(dir, 'minsheng.sqlite'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
