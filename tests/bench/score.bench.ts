// Throughput of the default scorer on one core: posts per second over ≥50,000 generated posts.
//   npm run bench:score [-- --posts 50000]
// Posts are assembled deterministically from phrase pools (short Weibo-style lines to long 留言板
// posts), so every run scores the same text; the first 2,000 posts warm the JIT and are not timed.
import { parseArgs } from 'node:util';
import { scoreText } from '../../analysis/index.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' } } });
const N = Math.max(50_000, Number(values.posts ?? 50_000));
const TARGET = 5_000;

const OPENERS = ['您好，', '请问', '领导好，', '', '我想反映一下，', '各位网友评评理，', '', '急！'];
const BODIES = [
  '公司拖欠工资三个月了，老板一直躲着不见人',
  '社保卡丢了怎么补办，需要带什么材料',
  '退休后养老金是怎么计算的',
  '窗口工作人员态度很差，问两句就不耐烦',
  '我们厂八十名工人的工资都没有发',
  '感谢劳动监察大队帮我们追回了工钱，效率很高',
  '社保APP一直闪退，人脸识别总是失败',
  '失业金申请了两个月还没批下来',
  '工伤认定需要准备哪些材料',
  '再不给钱就只能去县政府了',
  '小区门口的路灯坏了很久没人修',
  '今年的职业技能培训什么时候报名',
  '单位一直没给我们交社保，说是试用期不用交',
  '今天天气真好，出去走走心情不错',
];
const DETAILS = [
  '',
  '，已经打了好几次12333',
  '，家里老人孩子都等着用钱',
  '，这个问题多次反映一直没人管',
  '，谢谢',
  '，希望有关部门尽快处理',
  '。我在这个单位干了五年，从来没有迟到早退，现在说不要就不要了，合同也不给，工资也不结，找到人社局说要等，等了半个月又说材料不全，来回跑了好几趟，真的身心俱疲',
];

function post(i: number): string {
  // Multiplicative hashing picks a combination; long posts repeat the detail like a real 留言板 thread.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const body = BODIES[h % BODIES.length]!;
  const detail = DETAILS[(h >>> 8) % DETAILS.length]!;
  const long = (h >>> 16) % 10 === 0;
  return OPENERS[(h >>> 4) % OPENERS.length]! + body + detail + (long ? detail + body + '。' : '。') + `（${i % 97}）`;
}

const posts = Array.from({ length: N }, (_, i) => post(i));
const chars = posts.reduce((a, p) => a + p.length, 0);
for (let i = 0; i < 2_000; i++) scoreText(posts[i]!);

let negatives = 0;
const started = process.hrtime.bigint();
for (const p of posts) if (scoreText(p).sentiment === 'negative') negatives += 1;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const rate = N / seconds;

console.log(`默认评分器（单核）：${N.toLocaleString('en-US')} 条帖子，平均 ${(chars / N).toFixed(0)} 字，用时 ${seconds.toFixed(2)} 秒`);
console.log(`吞吐 ${Math.round(rate).toLocaleString('en-US')} 条/秒，平均每条 ${((seconds / N) * 1000).toFixed(3)} 毫秒（负面 ${((negatives / N) * 100).toFixed(1)}%）`);
console.log(rate >= TARGET ? `达到目标（> ${TARGET.toLocaleString('en-US')} 条/秒）` : `未达到目标（> ${TARGET.toLocaleString('en-US')} 条/秒）`);
process.exitCode = rate >= TARGET ? 0 : 1;
