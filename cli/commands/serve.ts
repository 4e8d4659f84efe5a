// `minsheng serve`: build the site if needed, then serve the public pages and the console.
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, intOption, stringOption } from '../command.ts';
import { resolveDataDir } from '../../store/index.ts';

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
${DATA_HELP}

环境变量:
  MINSHENG_TRUST_PROXY=1  在反向代理之后运行时设置：登录限流和审计日志取代理写入 X-Forwarded-For 的客户端地址
  MINSHENG_SITE_DIST  构建输出目录（默认 ./dist；安装目录只读时可指向别处，须位于项目目录内以便找到依赖）

示例:
  minsheng user add zhangsan --role duty < 密码文件
  minsheng serve --port 8080`,
  options: { ...DATA_OPTION, port: { type: 'string', short: 'p' }, host: { type: 'string' }, rebuild: { type: 'boolean' } },
  async run(args, io) {
    const port = intOption(args, 'port', 4321);
    const host = stringOption(args, 'host') ?? '127.0.0.1';
    const dataDir = resolveDataDir(stringOption(args, 'data'));
    const out = (line: string) => io.stdout.write(line + '\n');
    const { ensureSiteBuilt, startServer } = await import('../../site/server/start.ts');
    await ensureSiteBuilt({ force: Boolean(args.values.rebuild), log: out });
    const server = await startServer({ dataDir, port, host });
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
