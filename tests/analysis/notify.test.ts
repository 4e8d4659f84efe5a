// The robots' real request formats, sent to a local server on 127.0.0.1 that records what it gets
// and answers like the services do ({"errcode":0,"errmsg":"ok"}).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Alert } from '../../store/types.ts';
import { notifierFromConfig, parseQuietHours, type RetryPolicy } from '../../analysis/notify/index.ts';
import { parseEnv } from '../../config/env.ts';

/** The channels as the CLI gets them: environment variables, parsed at the edge. */
const notifierFromEnv = (vars: Record<string, string>, options: Parameters<typeof notifierFromConfig>[1]) => notifierFromConfig(parseEnv(vars).notify, options);
import { openStore, type Store } from '../../store/index.ts';
import { analyzeStore, sendDailyDigest } from '../../analysis/pipeline.ts';
import { loadRegion } from '../../config/region.ts';
import { parseConfigText } from '../../config/load.ts';
import { alertConfigSchema } from '../../analysis/alerts/config.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';

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
/** The next this-many requests get an HTTP error status (a robot having a bad minute). */
let failNext = 0;
let failStatus = 500;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({ path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'], body: JSON.parse(body) });
      if (failNext > 0) {
        failNext -= 1;
        res.statusCode = failStatus;
        res.end('server busy');
        return;
      }
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
  failNext = 0;
  failStatus = 500;
  logs.length = 0;
});

function alert(level: Alert['level'], title = '城东安置房工地拖欠工资 等 6 条'): Alert {
  return {
    id: 'a1b2c3',
    ruleKey: 'cluster:c1',
    level,
    status: 'new',
    title,
    reasons: [
      { kind: 'level', level: 'orange', why: { kind: 'crowdInCrisis', people: 6, severity: 2 } },
      { kind: 'signal', crisis: 'group', words: ['聚集', '拉横幅'] },
    ],
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
    expect(content).toContain('> 定级橙色（重大）：6 人反映同一事件，且有严重度 2 的危机信号\n> 危机信号（群体性）：聚集、拉横幅');
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
    const n = notifierFromEnv({ MINSHENG_DINGTALK_WEBHOOK: `${base}/robot/send?access_token=t`, MINSHENG_DINGTALK_SECRET: 'SECabc' }, { log, now: () => now });
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
    // Words for people reading the hook's output, the same reasons as data for programs (no parsing words back).
    expect(received[0]!.body.alert.reasons).toEqual(['定级橙色（重大）：6 人反映同一事件，且有严重度 2 的危机信号', '危机信号（群体性）：聚集、拉横幅']);
    expect(received[0]!.body.alert.reasonData[1]).toEqual({ kind: 'signal', crisis: 'group', words: ['聚集', '拉横幅'] });
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

describe('retries and no duplicate messages', () => {
  const delays: number[] = [];
  const retry: RetryPolicy = { attempts: 3, baseDelayMs: 5, sleep: async (ms) => void delays.push(ms) };
  beforeEach(() => {
    delays.length = 0;
  });

  it('retries a push after HTTP 500 with growing waits, and delivers it once', async () => {
    failNext = 2;
    const n = notifierFromEnv({ MINSHENG_WECOM_WEBHOOK: `${base}/w` }, { log, retry });
    expect(await n.alert(alert('orange'), 'raised')).toBe('pushed');
    expect(received).toHaveLength(3);
    expect(delays).toEqual([5, 10]);
    expect(received.every((r) => r.body.markdown.content === received[0]!.body.markdown.content)).toBe(true);
  });

  it('gives up after the bounded number of tries and says so', async () => {
    failNext = 10;
    const n = notifierFromEnv({ MINSHENG_WEBHOOK_URL: `${base}/hook` }, { log, retry });
    expect(await n.alert(alert('red'), 'raised')).toBe('failed');
    expect(received).toHaveLength(3);
    expect(logs.at(-1)).toMatch(/推送到Webhook失败：HTTP 500：server busy（已尝试 3 次）/);
  });

  it('does not retry an answer that would only fail again (HTTP 400)', async () => {
    failNext = 1;
    failStatus = 400;
    const n = notifierFromEnv({ MINSHENG_WEBHOOK_URL: `${base}/hook` }, { log, retry });
    expect(await n.alert(alert('red'), 'raised')).toBe('failed');
    expect(received).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('retries a refused connection (network error)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const n = notifierFromEnv({ MINSHENG_WEBHOOK_URL: `http://127.0.0.1:${port}/hook` }, { log, retry });
    expect(await n.alert(alert('red'), 'raised')).toBe('failed');
    expect(delays).toEqual([5, 10]);
    expect(logs.at(-1)).toMatch(/网络错误[\s\S]*已尝试 3 次/);
  });

  describe('through analyzeStore', () => {
    const region = loadRegion();
    const NOW = new Date('2025-06-10T12:00:00+08:00');
    const noClusters = async () => ({ postsAssigned: 0, clusters: 0 });
    let store: Store;
    beforeEach(async () => {
      store = openStore(':memory:');
      // A watch word makes this orange whatever the scorer says about its tone.
      await store.posts.upsert({
        source: 'board',
        url: 'http://127.0.0.1/board/1',
        canonicalUrl: 'http://127.0.0.1/board/1',
        contentHash: 'h1',
        title: '工友们说明天去堵桥',
        body: '工地三个月没发工资',
        author: '网友甲',
        publishedAt: new Date(NOW.getTime() - 3600_000).toISOString(),
        fetchedAt: NOW.toISOString(),
        district: null,
      });
    });

    const run = (minutes: number) =>
      analyzeStore(store, {
        region,
        now: new Date(NOW.getTime() + minutes * 60_000),
        cluster: noClusters,
        notify: notifierFromEnv({ MINSHENG_WEBHOOK_URL: `${base}/hook` }, { log, retry }),
      });
    const alertMessages = () => received.filter((r) => r.body.type === 'minsheng.alert');

    it('sends one message per alert and level, and none when analysis runs again', async () => {
      await run(0);
      await run(10);
      await run(20);
      expect(alertMessages()).toHaveLength(1);
      expect(alertMessages()[0]!.body).toMatchObject({ change: 'raised', alert: { level: 'orange' } });
      const [a] = await store.alerts.list();
      expect((await store.alerts.events(a!.id)).filter((e) => e.action === 'notified').map((e) => e.note)).toEqual(['orange pushed']);
    });

    it('sends a message that failed on one run on the next, once', async () => {
      failNext = 3; // every try of the first run fails
      await run(0);
      expect(received).toHaveLength(3);
      await run(10);
      await run(20);
      expect(received).toHaveLength(4);
      expect(alertMessages().at(-1)!.body).toMatchObject({ change: 'raised', alert: { level: 'orange' } });
    });

    it('holds a yellow alert through quiet hours and pushes it once they end; orange is never held', async () => {
      await store.posts.upsert({
        source: 'board',
        url: 'http://127.0.0.1/board/2',
        canonicalUrl: 'http://127.0.0.1/board/2',
        contentHash: 'h2',
        title: '请问本周的夜校报名点在哪里',
        body: '谢谢',
        author: '网友乙',
        publishedAt: new Date(NOW.getTime() - 3600_000).toISOString(),
        fetchedAt: NOW.toISOString(),
        district: null,
      });
      const alertConfig = parseConfigText(
        alertConfigSchema,
        'watchWords:\n  - level: orange\n    words: [堵桥]\n  - level: yellow\n    words: [夜校]\n',
        'alerts.yaml',
      );
      const env = { MINSHENG_WEBHOOK_URL: `${base}/hook`, MINSHENG_NOTIFY_QUIET_HOURS: '22:00-07:00' };
      const at = (iso: string) => {
        const now = new Date(iso);
        return analyzeStore(store, { region, now, cluster: noClusters, alertConfig, notify: notifierFromEnv(env, { log, retry, now: () => now }) });
      };
      await at('2025-06-10T15:30:00Z'); // 23:30 in 达州
      expect(alertMessages().map((m) => m.body.alert.level)).toEqual(['orange']);
      await at('2025-06-10T18:00:00Z'); // 02:00, still quiet
      expect(alertMessages()).toHaveLength(1);
      await at('2025-06-10T23:30:00Z'); // 07:30
      await at('2025-06-11T00:00:00Z');
      expect(alertMessages().map((m) => [m.body.change, m.body.alert.level])).toEqual([
        ['raised', 'orange'],
        ['raised', 'yellow'],
      ]);
    });

    it('announces an escalation once, as an escalation', async () => {
      await run(0);
      const [a] = await store.alerts.list();
      await raiseAlert(
        store,
        { ...a!, level: 'red', reasons: [{ kind: 'level', level: 'red', why: { kind: 'watchWords', words: ['围堵'] } }] },
        new Date(NOW.getTime() + 5 * 60_000).toISOString(),
      );
      await run(10);
      await run(20);
      expect(alertMessages().map((m) => [m.body.change, m.body.alert.level])).toEqual([
        ['raised', 'orange'],
        ['escalated', 'red'],
      ]);
    });
  });
});

describe('the daily digest', () => {
  it('lists every blue alert still open, responded ones too, and not the ended ones', async () => {
    const store = openStore(':memory:');
    try {
      const now = new Date('2026-03-02T01:00:00Z');
      const at = now.toISOString();
      const ids: Record<string, string> = {};
      for (const name of ['new', 'responded', 'closed']) {
        const input = {
          ruleKey: `post:${name}`,
          level: 'blue' as const,
          title: name,
          reasons: [],
          postIds: [],
          sources: ['board'],
          firstSeen: at,
          lastSeen: at,
        };
        ids[name] = (await raiseAlert(store, input, at)).alert.id;
      }
      await store.alerts.transition(ids.responded!, { from: 'new', status: 'responded', action: 'responded', actor: 'duty', note: '已在留言板答复', at });
      await store.alerts.transition(ids.closed!, { from: 'new', status: 'closed', action: 'closed', actor: 'duty', at });
      const sent: string[][] = [];
      const notifier = {
        alert: async () => 'pushed' as const,
        digest: async (alerts: Alert[]) => (sent.push(alerts.map((a) => a.title).sort()), 'pushed' as const),
      };
      expect(await sendDailyDigest(store, notifier, { now, timeZone: 'Asia/Shanghai' })).toEqual({ count: 2, outcome: 'pushed' });
      expect(sent).toEqual([['new', 'responded']]);
    } finally {
      await store.close();
    }
  });
});
