// `minsheng demo`: the newcomer's end-to-end run. Starts the bundled message board on
// 127.0.0.1, crawls it, indexes, scores, raises alerts, then serves the site and console.
// Everything shown is computed from the crawled posts; rerunning reuses the data directory.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, CommandIO } from '../command.ts';
import { DATA_HELP, DATA_OPTION, intOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir, type Store } from '../../store/index.ts';
import { loadRegion } from '../../config/region.ts';
import { startDemoBoard } from '../../demo/board/server.ts';
import { demoSources } from '../../demo/sources.ts';
import { runPipeline } from '../pipeline.ts';
import type { Env } from '../../config/env.ts';

import { DEMO_USER } from '../../accounts/users.ts';

/** The demo login's password is generated per data directory and kept there, never in the repo. */
async function ensureDemoUser(store: Store, dataDir: string): Promise<string> {
  const file = join(dataDir, 'demo-login.txt');
  const { hashPassword } = await import('../../accounts/passwords.ts');
  const existing = await store.users.byName(DEMO_USER);
  if (existing && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(9).toString('base64url');
  const hash = await hashPassword(password);
  if (existing) await store.users.setPasswordHash(DEMO_USER, hash);
  else await store.users.add({ name: DEMO_USER, role: 'admin', passwordHash: hash, createdAt: new Date().toISOString() });
  // On PostgreSQL nothing else creates the data directory.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, password + '\n', { mode: 0o600 });
  await store.audit.record({ at: new Date().toISOString(), actor: null, action: 'user.add', target: DEMO_USER, detail: '演示账号（admin）', ip: null });
  return password;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

export async function runDemo(
  options: { dataDir: string; port: number; host: string; boardPort: number; serve: boolean; env?: Env },
  io: CommandIO,
): Promise<number> {
  const out = (line: string) => io.stdout.write(line + '\n');
  const store = openStore(options.dataDir, { databaseUrl: options.env?.databaseUrl });
  const board = await startDemoBoard({ port: options.boardPort, host: '127.0.0.1' });
  let server: { url: string; close(): Promise<void> } | null = null;
  try {
    out(`演示留言板：${board.url}/board/list?page=1`);
    const region = loadRegion();
    await runPipeline(store, demoSources(board.url), region, { log: (l) => out(l), env: options.env });
    const password = await ensureDemoUser(store, options.dataDir);
    const alerts = await store.alerts.list();
    out(`\n当前预警 ${alerts.length} 条${alerts.length ? '，最严重：' + alerts[0]!.title : ''}`);
    if (!options.serve) return 0;

    const { ensureSiteBuilt, startServer } = await import('../../site/server/start.ts');
    await ensureSiteBuilt({ log: (l) => out(l), outDir: options.env?.siteDist });
    server = await startServer({ dataDir: options.dataDir, port: options.port, host: options.host, env: options.env });
    out(`
网站（居民）：  ${server.url}/
工作台（值班）：${server.url}/console/
登录页：        ${server.url}/console/login
演示账号：      ${DEMO_USER}  密码：${password}  （保存在 ${join(options.dataDir, 'demo-login.txt')}）
按 Ctrl+C 退出。`);
    await waitForSignal();
    return 0;
  } finally {
    await server?.close();
    await board.close();
    await store.close();
  }
}

export const command: Command = {
  name: 'demo',
  summary: '端到端演示：启动本地演示留言板，抓取、索引、评分、预警，并启动网站与工作台',
  usage: `用法: minsheng demo [--port N] [--host H] [--board-port N] [--no-serve] [--data DIR]

在 127.0.0.1 启动随项目附带的演示留言板，真实地抓取它、建索引、评分、生成预警，
再（必要时构建并）启动居民网站和值班工作台，打印网址和演示账号。
再次运行会复用数据目录，不会重复入库。

选项:
  --port N          网站与工作台端口（默认 4321）
  --host H          监听地址（默认 127.0.0.1）
  --board-port N    演示留言板端口（默认 8765；固定端口使重复运行得到相同网址）
  --no-serve        跑完抓取与分析就退出，不启动网站
${DATA_HELP}`,
  options: {
    ...DATA_OPTION,
    port: { type: 'string' },
    host: { type: 'string' },
    'board-port': { type: 'string' },
    'no-serve': { type: 'boolean' },
  },
  async run(args, io, env) {
    return runDemo(
      {
        dataDir: resolveDataDir(stringOption(args, 'data'), env),
        port: intOption(args, 'port', 4321),
        host: stringOption(args, 'host') ?? '127.0.0.1',
        boardPort: intOption(args, 'board-port', 8765),
        serve: !args.values['no-serve'],
        env,
      },
      io,
    );
  },
};
