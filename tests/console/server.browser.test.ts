// The console over real HTTP: the browser tier's shared site build, served on 127.0.0.1 with a
// seeded data directory, and driven the way a browser would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { siteOutDir } from '../helpers/browser-site.ts';
import { openSearchEngine, updateIndex } from '../../indexer/index.ts';
import { PASSWORDS, seedDataDir } from './seed.ts';
import { chinaDay } from '../../site/server/labels.ts';
import { raiseAlert } from '../../analysis/alerts/raise.ts';
import type { AlertReason } from '../../analysis/alerts/reasons.ts';
import { alertJsonSchema, type AlertJson } from '../../analysis/alerts/json.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-console-'));
let server: RunningServer;
let base: string;
let alertId: string;
let store: Store;

beforeAll(async () => {
  ({ alertId } = await seedDataDir(dataDir));
  store = openStore(dataDir);
  await updateIndex(store, openSearchEngine(store));
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;

async function loginForm() {
  const res = await fetch(`${base}/console/login`);
  const html = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ms_login_csrf='));
  expect(token && cookie).toBeTruthy();
  return { token: token!, cookie: cookiePair(cookie!) };
}

async function postLogin(name: string, password: string) {
  const form = await loginForm();
  return fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: form.token, username: name, password }),
  });
}

/** Logs in and returns the session cookie and the session's CSRF token (from the logout form). */
async function login(name: keyof typeof PASSWORDS) {
  const res = await postLogin(name, PASSWORDS[name]);
  expect(res.status).toBe(303);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('ms_session='))!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const cookie = cookiePair(setCookie);
  const page = await (await fetch(`${base}/console/`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf };
}

// Each login is a real scrypt (N=2^17): seconds apiece when the machine is busy.
describe('console over HTTP', { timeout: 120_000 }, () => {
  it('sends visitors without a session to the login page, and API callers get 401', async () => {
    const page = await fetch(`${base}/console/alerts/${alertId}`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/console/login?next=${encodeURIComponent(`/console/alerts/${alertId}`)}`);
    const api = await fetch(`${base}/api/alerts`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: '未登录或登录已过期' });
  });

  it('refuses a wrong password with a generic message and no session', async () => {
    const res = await postLogin('duty', 'wrong-password-123');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('用户名或密码不正确');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('ms_session=') && !c.startsWith('ms_session=;'))).toBe(false);
    const unknown = await postLogin('nobody', 'whatever-123456');
    expect(await unknown.text()).toContain('用户名或密码不正确');
  });

  it('logs a duty officer in and lists the alert with its level, status and clock', async () => {
    const { cookie } = await login('duty');
    const res = await fetch(`${base}/console/`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('达川区工地欠薪（2 条相似帖）');
    expect(html).toContain('橙·重大');
    expect(html).toContain('待处理');
    expect(html).toMatch(/公开回应：<\/span>剩 (1 天 23 小时|2 天)/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a transition without the CSRF token, accepts it with the token, and audits both', async () => {
    const { cookie, csrf } = await login('duty');
    const url = `${base}/api/alerts/${alertId}/transition`;
    const headers = { cookie, origin: base, 'content-type': 'application/json' };
    const refused = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ action: 'acknowledge' }) });
    expect(refused.status).toBe(403);
    expect((await store.alerts.get(alertId))!.status).toBe('new');

    const crossSite = await fetch(url, {
      method: 'POST',
      headers: { ...headers, origin: 'http://evil.example', 'x-csrf-token': csrf },
      body: JSON.stringify({ action: 'acknowledge' }),
    });
    expect(crossSite.status).toBe(403);

    const ok = await fetch(url, { method: 'POST', headers: { ...headers, 'x-csrf-token': csrf }, body: JSON.stringify({ action: 'acknowledge' }) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).alert.status).toBe('acknowledged');

    const log = await store.audit.list({ limit: 50 });
    expect(log.filter((e) => e.action === 'csrf.rejected' && e.actor === 'duty')).toHaveLength(2);
    expect(log.find((e) => e.action === 'alert.acknowledge')).toMatchObject({ actor: 'duty', target: alertId, ip: expect.stringContaining('127.0.0.1') });
    expect((await store.alerts.events(alertId)).map((e) => e.action)).toContain('acknowledged');
  });

  it('works the alert through the detail page form and shows it in the timeline', async () => {
    const { cookie, csrf } = await login('duty');
    const res = await fetch(`${base}/console/alerts/${alertId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, action: 'respond', note: '已在官网发布情况说明' }),
    });
    expect(res.status).toBe(303);
    const page = await (await fetch(`${base}${res.headers.get('location')}`, { headers: { cookie } })).text();
    expect(page).toContain('已执行“已回应”');
    expect(page).toContain('已在官网发布情况说明');
    expect((await store.alerts.get(alertId))!.status).toBe('responded');
  });

  it('shows crawled text as text, never as markup', async () => {
    const { cookie } = await login('duty');
    const html = await (await fetch(`${base}/console/alerts/${alertId}`, { headers: { cookie } })).text();
    // Escaped as named or numeric entities (the post body is escaped-then-marked by highlight()).
    expect(html).toMatch(/(&lt;|&#60;)script(&gt;|&#62;)alert\(1\)(&lt;|&#60;)\/script(&gt;|&#62;)/);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('searches posts with highlights and facet counts, crawled markup escaped', async () => {
    const { cookie } = await login('publicity');
    const res = await fetch(`${base}/console/search?q=${encodeURIComponent('工资')}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<mark>[^<]*<\/mark>/);
    expect(html).toContain('达川区某工地拖欠农民工<mark>工资</mark>三个月');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toMatch(/劳动关系<\/a> <span class="muted">2<\/span>/);
    const api = await (
      await fetch(`${base}/api/search?q=${encodeURIComponent('工资')}&district=${encodeURIComponent('达川区')}`, { headers: { cookie } })
    ).json();
    expect(api.total).toBe(2);
    expect(api.facets.topic).toMatchObject({ 劳动关系: 2 });
  });

  it('keeps the audit log for administrators', async () => {
    const duty = await login('duty');
    expect((await fetch(`${base}/console/audit`, { headers: { cookie: duty.cookie } })).status).toBe(403);
    const admin = await login('admin');
    const res = await fetch(`${base}/console/audit`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('确认预警');
    expect(html).toContain('越权访问被拒绝');
  });

  it('answers GET /api/alerts with each alert as `minsheng alerts --json` has it, wrapped with its clock', async () => {
    const { cookie } = await login('duty');
    const { alerts } = (await (await fetch(`${base}/api/alerts`, { headers: { cookie } })).json()) as { alerts: { alert: AlertJson; clock: unknown }[] };
    const { alert: a, clock } = alerts.find((x) => x.alert.id === alertId)!;
    expect(alertJsonSchema.parse(a)).toEqual(a);
    expect(a.reasons[0]).toBe('定级橙色（重大）：2 人反映同一事件，且有严重度 2 的危机信号');
    expect(a.reasonData[0]).toMatchObject({ kind: 'level', level: 'orange' });
    expect(a.posts[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/board\/thread\//);
    expect(clock).toMatchObject({ state: expect.any(String), milestones: expect.any(Array) });
  });

  it('lets publicity staff read alerts but not act on them', async () => {
    const { cookie, csrf } = await login('publicity');
    expect((await fetch(`${base}/api/alerts`, { headers: { cookie } })).status).toBe(200);
    const res = await fetch(`${base}/api/alerts/${alertId}/transition`, {
      method: 'POST',
      headers: { cookie, origin: base, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'close' }),
    });
    expect(res.status).toBe(403);
  });

  it('serves trends and stats with the response-time report', async () => {
    const { cookie } = await login('admin');
    const stats = await (await fetch(`${base}/api/stats`, { headers: { cookie } })).json();
    expect(stats.days).toHaveLength(30);
    expect(stats.postsBySentiment.negative.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    const orange = stats.responseTimes.find((r: { level: string }) => r.level === 'orange');
    expect(orange).toMatchObject({ alerts: 1, acknowledged: 1, responded: 1, exceeded: 0 });
    const page = await fetch(`${base}/console/trends`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<canvas data-chart="[^"]+"/);
    const csv = await fetch(`${base}/api/stats/response-times.csv`, { headers: { cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel/WPS read UTF-8
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]!.startsWith('"预警编号","级别","标题"')).toBe(true);
    expect(lines[1]).toContain(`"${alertId}","橙·重大","达川区工地欠薪（2 条相似帖）","已回应"`);
    expect((await fetch(`${base}/api/stats/response-times.csv`)).status).toBe(401);
  });

  it('prints the daily report of the day the alert was raised, for publicity staff, and sends visitors to the login', async () => {
    const anonymous = await fetch(`${base}/console/report`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/console\/login\?next=/);
    const { cookie } = await login('publicity');
    const alert = (await store.alerts.get(alertId))!;
    const res = await fetch(`${base}/console/report?date=${chinaDay(new Date(alert.createdAt))}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('舆情日报');
    expect(html).toContain('当日新增预警（1）');
    expect(html).toContain('达川区工地欠薪（2 条相似帖）');
    expect(html).toContain('橙·重大');
    expect(html).toContain('已回应');
    expect(html).toContain('<td>2 条</td>');
    expect(html).toContain('公开回应：截止');
    expect(html).toMatch(/负面占比 <strong>[\d.]+%<\/strong>/);
    expect(html).toContain('href="/console/report"'); // in the navigation

    const [, wagePost] = await store.posts.getMany(alert.postIds);
    const postDay = await (await fetch(`${base}/console/report?date=${chinaDay(new Date(wagePost!.publishedAt!))}`, { headers: { cookie } })).text();
    expect(postDay).toMatch(/<td>劳动关系<\/td><td>\d+<\/td>/);
    expect(postDay).toMatch(/<td>达川区<\/td><td>\d+<\/td>/);

    const emptyDay = await (await fetch(`${base}/console/report?date=2001-01-01`, { headers: { cookie } })).text();
    expect(emptyDay).toContain('当日没有新增预警');
    expect(emptyDay).toContain('当日帖子 0 条');
    expect(emptyDay).toContain('负面占比 <strong>—</strong>');
  });

  it('locks a name after five wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 5; i++) await postLogin('publicity', `wrong-${i}-password`);
    const res = await postLogin('publicity', PASSWORDS.publicity);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('登录失败次数过多');
  });

  it('gives a second opinion on a post of the alert, quoting only the post, and audits the request', async () => {
    const { cookie, csrf } = await login('duty');
    const [postId] = (await store.alerts.get(alertId))!.postIds;
    const res = await fetch(`${base}/console/alerts/${alertId}`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, action: 'second_opinion', post: postId! }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('第二意见（内置评分模型）');
    expect(html).toMatch(/原文依据：<q>[^<]+<\/q>/);
    expect(html).not.toContain('<script>alert(1)</script>');
    const api = await fetch(`${base}/api/alerts/${alertId}/second-opinion`, {
      method: 'POST',
      headers: { cookie, origin: base, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ postId }),
    });
    expect(api.status).toBe(200);
    expect((await api.json()).judgement).toMatchObject({ by: 'embedded', sentiment: 'negative' });
    const log = await store.audit.list({ limit: 50 });
    expect(log.filter((e) => e.action === 'alert.second_opinion' && e.actor === 'duty')).toHaveLength(2);
  });

  it('stores a triage correction of a post as a label for training, audited, and refuses it without the CSRF token', async () => {
    const { cookie, csrf } = await login('duty');
    const [postId] = (await store.alerts.get(alertId))!.postIds;
    const correct = (body: Record<string, string>) =>
      fetch(`${base}/console/alerts/${alertId}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'label', post: postId!, ...body }),
      });
    expect((await correct({ sentiment: 'neutral', severity: '0' })).status).toBe(403);
    expect(await store.labels.list({ postId })).toEqual([]);

    const bad = await correct({ _csrf: csrf, topic: 'not-a-topic' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('主题（topic）取值无效');

    const ok = await correct({ _csrf: csrf, sentiment: 'neutral', severity: '0', topic: 'wages' });
    expect(ok.status).toBe(303);
    expect(await store.labels.list({ postId })).toMatchObject([{ postId, sentiment: 'neutral', severity: 0, topic: 'wages', actor: 'duty' }]);
    const page = await (await fetch(`${base}${ok.headers.get('location')}`, { headers: { cookie } })).text();
    expect(page).toContain('已更正为 中性、严重程度 0 无、主题 欠薪/工资');
    expect(page).toContain('已保存更正');
    const log = await store.audit.list({ limit: 50 });
    expect(log.find((e) => e.action === 'post.label')).toMatchObject({ actor: 'duty', target: postId });
  });

  it('draws the posts of the alert over time from a bundled script, with the same numbers in a table', async () => {
    const { cookie } = await login('admin');
    const html = await (await fetch(`${base}/console/alerts/${alertId}`, { headers: { cookie } })).text();
    const attr = /<canvas data-chart="([^"]+)"[^>]*aria-label="本预警每小时帖子数柱状图/.exec(html)?.[1];
    expect(attr).toBeTruthy();
    const unescaped = attr!
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const spec = JSON.parse(unescaped) as { labels: string[]; series: { label: string; data: number[] }[] };
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(spec.series.map((x) => x.label)).toEqual(['负面', '其他']);
    expect(sum(spec.series[0]!.data)).toBe(2); // both posts of the alert are scored negative
    expect(sum(spec.series[1]!.data)).toBe(0);
    expect(html).toMatch(/<table class="trend-table">/);
    expect(html).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>[^<]*chart/i);
  });

  it('lists a red alert above the orange one, and filters by level', async () => {
    const now = new Date();
    await raiseAlert(
      store,
      {
        ruleKey: 'test:red',
        level: 'red',
        title: '红色测试预警',
        reasons: [{ kind: 'text', text: '测试' }],
        postIds: [],
        sources: ['演示留言板'],
        firstSeen: now.toISOString(),
        lastSeen: new Date(now.getTime() - 3600_000).toISOString(),
      },
      new Date(now.getTime() - 6 * 3600_000).toISOString(),
    );
    const { cookie } = await login('admin');
    const html = await (await fetch(`${base}/console/`, { headers: { cookie } })).text();
    expect(html.indexOf('红色测试预警')).toBeGreaterThan(0);
    expect(html.indexOf('红色测试预警')).toBeLessThan(html.indexOf('达川区工地欠薪'));
    expect(html).toMatch(/发布权威信息：<\/span>已超时 1 小时/);
    const orangeOnly = await (await fetch(`${base}/console/?level=orange&status=all`, { headers: { cookie } })).text();
    expect(orangeOnly).not.toContain('红色测试预警');
    expect(orangeOnly).toContain('达川区工地欠薪');
  });

  it('filters the alert list by topic, district and a date range, on the page and in the API', async () => {
    const { cookie } = await login('admin');
    const page = async (query: string) => (await fetch(`${base}/console/?status=all&${query}`, { headers: { cookie } })).text();
    const byTopic = await page(`topic=${encodeURIComponent('劳动关系')}`);
    expect(byTopic).toContain('达川区工地欠薪');
    expect(byTopic).not.toContain('红色测试预警'); // it has no posts, so no topic
    expect(byTopic).toMatch(/<option value="劳动关系" selected>/);
    const otherDistrict = await page(`district=${encodeURIComponent('通川区')}`);
    expect(otherDistrict).toContain('没有符合条件的预警');
    const longAgo = await page('since=2001-01-01&until=2001-01-31');
    expect(longAgo).toContain('没有符合条件的预警');
    const today = chinaDay(new Date());
    const recent = await page(`since=${chinaDay(new Date(Date.now() - 86_400_000))}&until=${today}`);
    expect(recent.indexOf('红色测试预警')).toBeGreaterThan(0);
    expect(recent.indexOf('红色测试预警')).toBeLessThan(recent.indexOf('达川区工地欠薪'));
    const api = await (await fetch(`${base}/api/alerts?status=all&district=${encodeURIComponent('达川区')}`, { headers: { cookie } })).json();
    expect(api.alerts.map((a: { alert: { title: string } }) => a.alert.title)).toEqual(['达川区工地欠薪（2 条相似帖）']);
  });

  it('says when the search index lags behind the store', async () => {
    const url = 'http://127.0.0.1:9/board/thread/99';
    await store.posts.upsert({
      source: '演示留言板',
      url,
      canonicalUrl: url,
      contentHash: 'lag-test',
      title: '新帖未入索引',
      body: '内容',
      author: null,
      publishedAt: new Date().toISOString(),
      fetchedAt: new Date().toISOString(),
      district: null,
    });
    const { cookie } = await login('admin');
    const html = await (await fetch(`${base}/console/search?q=${encodeURIComponent('工资')}`, { headers: { cookie } })).text();
    expect(html).toContain('搜索索引中有 3 条帖子，数据库中有 4 条');
  });

  it('shows the newest 30 posts of a large alert first, and all on request', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 32; i++) {
      const url = `http://127.0.0.1:9/board/spike/${i}`;
      const when = new Date(Date.now() - (40 - i) * 60_000).toISOString();
      const { id } = await store.posts.upsert({
        source: '演示留言板',
        url,
        canonicalUrl: url,
        contentHash: `spike-${i}`,
        title: `激增帖第${i}号`,
        body: '内容',
        author: null,
        publishedAt: when,
        fetchedAt: when,
        district: null,
      });
      ids.push(id);
    }
    const { alert } = await raiseAlert(
      store,
      {
        ruleKey: 'test:spike',
        level: 'yellow',
        title: '激增测试',
        reasons: [{ kind: 'text', text: '测试' }],
        postIds: ids,
        sources: ['演示留言板'],
        firstSeen: new Date().toISOString(),
        lastSeen: new Date().toISOString(),
      },
      new Date().toISOString(),
    );
    const { cookie } = await login('admin');
    const page = await (await fetch(`${base}/console/alerts/${alert.id}`, { headers: { cookie } })).text();
    expect(page.match(/<article class="post"/g)).toHaveLength(30);
    expect(page).toContain('按时间从新到旧显示前 30 条');
    expect(page.indexOf('激增帖第31号')).toBeLessThan(page.indexOf('激增帖第30号'));
    expect(page).not.toContain('激增帖第1号<');
    const all = await (await fetch(`${base}/console/alerts/${alert.id}?posts=all`, { headers: { cookie } })).text();
    expect(all.match(/<article class="post"/g)).toHaveLength(32);
  });

  it('lets an admin add a user (with the form token only) and disable it, which ends its sessions', async () => {
    const admin = await login('admin');
    const post = (body: Record<string, string>) =>
      fetch(`${base}/console/users`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: admin.cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      });
    expect((await post({ op: 'add', name: 'night', role: 'duty', password: 'evening-shift-pass-1' })).status).toBe(403);
    expect(await store.users.byName('night')).toBeNull();
    expect((await post({ _csrf: admin.csrf, op: 'add', name: 'night', role: 'duty', password: 'evening-shift-pass-1' })).status).toBe(303);

    const res = await postLogin('night', 'evening-shift-pass-1');
    expect(res.status).toBe(303);
    const night = cookiePair(res.headers.getSetCookie().find((c) => c.startsWith('ms_session='))!);
    expect((await fetch(`${base}/api/alerts`, { headers: { cookie: night } })).status).toBe(200);

    expect((await post({ _csrf: admin.csrf, op: 'disable', name: 'night' })).status).toBe(303);
    expect((await fetch(`${base}/api/alerts`, { headers: { cookie: night } })).status).toBe(401);
    expect((await postLogin('night', 'evening-shift-pass-1')).status).toBe(401);
    const log = await store.audit.list({ limit: 100 });
    expect(log.find((e) => e.action === 'user.disable')).toMatchObject({ actor: 'admin', target: 'night' });
  });

  it('logs out and the session stops working', async () => {
    const { cookie, csrf } = await login('duty');
    const out = await fetch(`${base}/console/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${base}/api/alerts`, { headers: { cookie } })).status).toBe(401);
  });

  it("shows an alert's reasons in words, and an alert stored with sentences (before reasons were data) as it was written", async () => {
    const { cookie } = await login('duty');
    const html = await (await fetch(`${base}/console/alerts/${alertId}`, { headers: { cookie } })).text();
    expect(html).toContain('<li>定级橙色（重大）：2 人反映同一事件，且有严重度 2 的危机信号</li>');
    expect(html).toContain('<li>负面词：拖欠工资、欠薪</li>');
    const at = new Date().toISOString();
    // The same call stored a JSON array of sentences before reasons were structured.
    const sentences = ['定级黄色（较大）：3 人反映同一事件', '负面帖子 3/3 条'];
    const old = await raiseAlert(
      store,
      {
        ruleKey: 'test:old-reasons',
        level: 'yellow',
        title: '旧理由预警',
        reasons: sentences as unknown as AlertReason[],
        postIds: [],
        sources: ['演示留言板'],
        firstSeen: at,
        lastSeen: at,
      },
      at,
    );
    const oldPage = await (await fetch(`${base}/console/alerts/${old.alert.id}`, { headers: { cookie } })).text();
    for (const s of sentences) expect(oldPage).toContain(`<li>${s}</li>`);
  });
});
