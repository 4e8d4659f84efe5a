// The robots' real request formats, sent to a local server on 127.0.0.1 that records what it gets
// and answers like the services do ({"errcode":0,"errmsg":"ok"}).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../store/types.ts';
import { notifierFromEnv, parseQuietHours } from '../../analysis/notify/index.ts';

interface Recorded {
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: any;
}

let server: Server;
let base: string;
const received: Recorded[] = [];
let answer = '{"errcode":0,"errmsg":"ok"}';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({ path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end(url.pathname === '/hook' ? '{}' : answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received.length = 0;
  answer = '{"errcode":0,"errmsg":"ok"}';
});

function alert(level: Alert['level'], title = '城东安置房工地拖欠工资 等 6 条'): Alert {
  return {
    id: 'a1b2c3',
    ruleKey: 'cluster:c1',
    level,
    status: 'new',
    title,
    reasons: ['定级橙色（重大）：6 人反映同一事件，且有严重度 2 的危机信号', '危机信号（群体性）：聚集、拉横幅'],
    postIds: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'],
    sources: ['board'],
    firstSeen: '2025-06-10T09:00:00+08:00',
    lastSeen: '2025-06-10T11:00:00+08:00',
    assignee: null,
    createdAt: '2025-06-10T12:00:00.000Z',
    updatedAt: '2025-06-10T12:00:00.000Z',
  };
}

const logs: string[] = [];
const log = (l: string) => logs.push(l);

describe('notifier channels', () => {
  it('pushes an orange alert to 企业微信 as markdown, with the level, reasons and a console link', async () => {
    const n = notifierFromEnv({ MINSHENG_WECOM_WEBHOOK: `${base}/cgi-bin/webhook/send?key=k`, MINSHENG_CONSOLE_URL: 'https://ms.example/' }, { log });
    expect(await n.alert(alert('orange'), 'raised')).toBe('pushed');
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r!.query.get('key')).toBe('k');
    expect(r!.contentType).toMatch(/application\/json/);
    expect(r!.body.msgtype).toBe('markdown');
    const content: string = r!.body.markdown.content;
    expect(content).toContain('<font color="warning">橙色（重大）</font>');
    expect(content).toContain('城东安置房工地拖欠工资 等 6 条');
    expect(content).toContain('> 危机信号（群体性）：聚集、拉横幅');
    expect(content).toContain('48 小时内公开回应');
    expect(content).toContain('[在值班台查看](https://ms.example/console/alerts/a1b2c3)');
  });

  it('escapes crawled titles so they cannot inject links or tags', async () => {
    const n = notifierFromEnv({ MINSHENG_WECOM_WEBHOOK: `${base}/w` }, { log });
    await n.alert(alert('red', '[点我](http://evil.example) <font color="info">假</font> @所有人'), 'raised');
    const content: string = received[0]!.body.markdown.content;
    expect(content).not.toContain('](http://evil');
    expect(content).not.toContain('<font color="info">');
    expect(content).toContain('［点我］（http://evil.example）');
  });

  it('signs 钉钉 requests with HMAC-SHA256 of timestamp and secret', async () => {
    const now = new Date('2025-06-10T04:00:00Z');
    const n = notifierFromEnv(
      { MINSHENG_DINGTALK_WEBHOOK: `${base}/robot/send?access_token=t`, MINSHENG_DINGTALK_SECRET: 'SECabc' },
      { log, now: () => now },
    );
    expect(await n.alert(alert('yellow'), 'escalated')).toBe('pushed');
    const [r] = received;
    expect(r!.query.get('access_token')).toBe('t');
    expect(r!.query.get('timestamp')).toBe(String(now.getTime()));
    const expected = createHmac('sha256', 'SECabc').update(`${now.getTime()}\nSECabc`).digest('base64');
    expect(r!.query.get('sign')).toBe(expected);
    expect(r!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('预警升级【黄色（较大）】') } });
    expect(r!.body.markdown.text).toContain('### 预警升级：黄色（较大）');
  });

  it('sends the generic webhook the alert as JSON', async () => {
    const n = notifierFromEnv({ MINSHENG_WEBHOOK_URL: `${base}/hook` }, { log });
    await n.alert(alert('red'), 'raised');
    expect(received[0]!.body).toMatchObject({
      type: 'minsheng.alert',
      change: 'raised',
      alert: { id: 'a1b2c3', level: 'red', levelName: '红色（特别重大）', postIds: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'] },
    });
  });

  it('reports a robot refusal as failed without throwing, and logs it', async () => {
    answer = '{"errcode":93000,"errmsg":"invalid webhook url"}';
    const n = notifierFromEnv({ MINSHENG_WECOM_WEBHOOK: `${base}/w` }, { log });
    expect(await n.alert(alert('orange'), 'raised')).toBe('failed');
    expect(logs.at(-1)).toMatch(/推送到企业微信失败：机器人拒绝：errcode 93000/);
  });
});

describe('notification policy', () => {
  it('keeps blue alerts for the daily digest and sends the digest as one message', async () => {
    const n = notifierFromEnv({ MINSHENG_WECOM_WEBHOOK: `${base}/w` }, { log });
    expect(await n.alert(alert('blue', '养老金少算多次反映'), 'raised')).toBe('digest');
    expect(received).toHaveLength(0);
    expect(await n.digest([alert('blue', '养老金少算多次反映'), alert('blue', '社保窗口排队')], '2025-06-10')).toBe('pushed');
    expect(received).toHaveLength(1);
    const content: string = received[0]!.body.markdown.content;
    expect(content).toContain('舆情每日汇总（2025-06-10）');
    expect(content).toContain('1. 养老金少算多次反映');
    expect(content).toContain('2. 社保窗口排队');
  });

  it('holds yellow in quiet hours but still pushes orange', async () => {
    const night = new Date('2025-06-10T15:30:00Z'); // 23:30 in 达州
    const env = { MINSHENG_WECOM_WEBHOOK: `${base}/w`, MINSHENG_NOTIFY_QUIET_HOURS: '22:00-07:00' };
    const n = notifierFromEnv(env, { log, now: () => night });
    expect(await n.alert(alert('yellow'), 'raised')).toBe('held');
    expect(await n.alert(alert('orange'), 'raised')).toBe('pushed');
    expect(received).toHaveLength(1);
    const day = notifierFromEnv(env, { log, now: () => new Date('2025-06-10T02:00:00Z') });
    expect(await day.alert(alert('yellow'), 'raised')).toBe('pushed');
  });

  it('only logs when no channel is configured', async () => {
    const n = notifierFromEnv({}, { log });
    expect(await n.alert(alert('red'), 'raised')).toBe('logged');
    expect(logs.at(-1)).toMatch(/未配置推送渠道，仅记录：新预警【红色（特别重大）】/);
    expect(received).toHaveLength(0);
  });

  it('refuses malformed quiet hours naming the variable', () => {
    expect(() => parseQuietHours('10pm-7am')).toThrow(/MINSHENG_NOTIFY_QUIET_HOURS/);
    expect(parseQuietHours('22:00-07:00')).toEqual({ start: 1320, end: 420 });
  });
});
