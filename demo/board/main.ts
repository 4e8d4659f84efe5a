// Runs the demo board alone, for looking at it in a browser:
//   node bin/run-ts.mjs demo/board/main.ts [--port N]
import { parseArgs } from 'node:util';
import { startDemoBoard } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8765' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port 应为 0–65535 之间的整数，收到：${values.port}`);
  process.exit(2);
}
const board = await startDemoBoard({ port });
console.log(`演示留言板已启动：${board.url}/board/list?page=1`);
console.log('按 Ctrl+C 退出。');
const stop = () => void board.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
