// `minsheng serve`: build the site if needed, then serve the public pages and the console.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, intOption, stringOption } from '../command.ts';
import { openStore, resolveDataDir } from '../../store/index.ts';
import { DEMO_LOGIN_FILE, liveDemoAccount } from '../../accounts/users.ts';

async function demoAccountIn(dataDir: string, databaseUrl?: string): Promise<string | null> {
  const store = openStore(dataDir, { databaseUrl });
  try {
    return (await liveDemoAccount(store))?.name ?? null;
  } finally {
    await store.close();
  }
}

export const command: Command = {
  name: 'serve',
  summary: '启动网站与舆情工作台（必要时先构建）',
  usage: `用法: minsheng serve [--port N] [--host H] [--data DIR] [--rebuild]

启动居民网站（预渲染页面）和值班工作台（/console/，登录页 /console/login，JSON 接口 /api/）。
网站未构建或源文件有更新时先自动构建。按 Ctrl+C 停止。

选项:
  --port N          端口（默认 4321）
  --host H          监听地址（默认 127.0.0.1；对外服务请放在 HTTPS 反向代理之后）
  --rebuild         无论是否需要都重新构建
  --allow-demo      数据目录里有演示账号（minsheng demo 建的 demo）时仍然启动（只用于演示，会醒目提示）
${DATA_HELP}

环境变量:
  MINSHENG_TRUST_PROXY    反向代理的地址或网段，逗号分隔（1 = 本机代理）：只有来自它们的 X-Forwarded-For 才被采信
  MINSHENG_HTTPS=1        经 HTTPS 对外服务时设置：Cookie 加 Secure 和 __Host- 前缀，并发送 HSTS
  DATABASE_URL        postgres://… 时用 PostgreSQL（几台服务器共用一个数据库，会话和登录限制也在其中）；不设则用数据目录里的 SQLite
  MINSHENG_SITE_DIST  构建输出目录（默认 ./dist；安装目录只读时可指向别处，须位于项目目录内以便找到依赖）

示例:
  minsheng user add zhangsan --role duty < 密码文件
  minsheng serve --port 8080`,
  options: { ...DATA_OPTION, port: { type: 'string', short: 'p' }, host: { type: 'string' }, rebuild: { type: 'boolean' }, 'allow-demo': { type: 'boolean' } },
  async run(args, io, env) {
    const port = intOption(args, 'port', 4321);
    const host = stringOption(args, 'host') ?? '127.0.0.1';
    const dataDir = resolveDataDir(stringOption(args, 'data'), env);
    const out = (line: string) => io.stdout.write(line + '\n');
    // The demo's admin has a password written in the data directory: a real console must not
    // quietly accept it. Refuse, unless asked explicitly, and then say so loudly.
    const demo = await demoAccountIn(dataDir, env?.databaseUrl);
    if (demo && !args.values['allow-demo']) {
      io.stderr
        .write(`minsheng serve: 拒绝启动：数据目录 ${dataDir} 里有演示账号“${demo}”（管理员，密码写在 ${DEMO_LOGIN_FILE}，任何能读到该文件的人都能登录）。
  正式使用请先停用它：minsheng user disable ${demo} --data ${dataDir}
  只是继续看演示：minsheng demo，或 minsheng serve --allow-demo\n`);
      return 1;
    }
    if (demo) io.stderr.write(`警告：演示账号“${demo}”仍可登录（--allow-demo）。不要在真实数据或对外网络上这样运行。\n`);
    const { ensureSiteBuilt, startServer } = await import('../../site/server/start.ts');
    await ensureSiteBuilt({ force: Boolean(args.values.rebuild), log: out, outDir: env?.siteDist });
    const server = await startServer({ dataDir, port, host, env });
    out(`网站（居民）：  ${server.url}/
工作台（值班）：${server.url}/console/
登录页：        ${server.url}/console/login
数据目录：      ${dataDir}
按 Ctrl+C 停止。`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    out(`收到 ${signal}，正在停止…`);
    await server.close();
    out('已停止。');
    return 0;
  },
};
