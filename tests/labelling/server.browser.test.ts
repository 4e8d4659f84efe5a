// The labelling queue over real HTTP: only duty officers and administrators may see it or label,
// every POST needs the session's CSRF token, crawled markup is shown as text, and what is posted
// lands in the store with who and when.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.ts';
import { startServer, type RunningServer } from '../../site/server/start.ts';
import { PASSWORDS, seedDataDir } from '../console/seed.ts';
import { siteOutDir } from '../helpers/browser-site.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-labelling-http-'));
let server: RunningServer;
let base: string;
let store: Store;
let markupPost: string;

beforeAll(async () => {
  await seedDataDir(dataDir);
  store = openStore(dataDir);
  // Nearest the decision boundary, so first in the queue: crawled markup that must stay text.
  const url = 'http://127.0.0.1:9/board/thread/markup';
  ({ id: markupPost } = await store.posts.upsert({
    source: '演示留言板',
    url,
    canonicalUrl: url,
    contentHash: 'markup',
    title: '<img src=x onerror=alert(1)>工资的事',
    body: '工资拖了两个月<script>alert(2)</script>',
    author: null,
    publishedAt: null,
    fetchedAt: new Date().toISOString(),
    district: null,
  }));
  await store.scores.save({
    postId: markupPost,
    sentiment: 'neutral',
    negative: 0.42,
    severity: 1,
    topic: 'wages',
    reasons: [],
    model: 'test',
    scoredAt: new Date().toISOString(),
  });
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', outDir: siteOutDir() });
  base = server.url;
}, 240_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const pair = (setCookie: string) => setCookie.split(';')[0]!;
const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Logs in through the login form; returns the session cookie and the session's CSRF token. */
async function login(name: keyof typeof PASSWORDS) {
  const form = await fetch(`${base}/console/login`);
  const loginCookie = pair(form.headers.getSetCookie().find((c) => c.startsWith('ms_login_csrf='))!);
  const res = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: tokenIn(await form.text())!, username: name, password: PASSWORDS[name] }),
  });
  expect(res.status).toBe(303);
  const cookie = pair(res.headers.getSetCookie().find((c) => c.startsWith('ms_session='))!);
  const csrf = tokenIn(await (await fetch(`${base}/console/`, { headers: { cookie } })).text())!;
  return { cookie, csrf };
}

const post = (cookie: string, fields: Record<string, string>) =>
  fetch(`${base}/console/labels`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

describe('labelling queue over HTTP', () => {
  it('sends visitors without a session to the login page', async () => {
    const res = await fetch(`${base}/console/labels`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Flabels');
  });

  it('refuses publicity staff, on the page and for a label with a valid token, and audits the refusal', async () => {
    const { cookie, csrf } = await login('publicity');
    const home = await (await fetch(`${base}/console/`, { headers: { cookie } })).text();
    expect(home).not.toContain('href="/console/labels"');
    const page = await fetch(`${base}/console/labels`, { headers: { cookie } });
    expect(page.status).toBe(403);
    const res = await post(cookie, { _csrf: csrf, action: 'label', post: markupPost, sentiment: 'negative', severity: '1', topic: 'wages' });
    expect(res.status).toBe(403);
    expect(await store.labels.list()).toEqual([]);
    const denied = (await store.audit.list({ actor: 'publicity' })).filter((a) => a.action === 'access.denied' && a.target === '/console/labels');
    expect(denied.length).toBe(2);
  });

  it('shows a duty officer the least sure post with its crawled markup as text, and the keys', async () => {
    const { cookie } = await login('duty');
    const res = await fetch(`${base}/console/labels`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/console/labels"');
    expect(html).toContain(`name="post" value="${markupPost}"`);
    // how the queue picked it goes back with the label (analysis/labelling/queue.ts)
    expect(html).toContain('name="pick" value="unsure"');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/<kbd[^>]*>A<\/kbd>\s*负面/);
    expect(html).toContain('formnovalidate');
  });

  it('refuses a label without the CSRF token, and stores one with it, with who and when', async () => {
    const { cookie, csrf } = await login('duty');
    const fields = { action: 'label', post: markupPost, sentiment: 'negative', severity: '1', topic: 'wages' };
    const forged = await post(cookie, fields);
    expect(forged.status).toBe(403);
    expect(await store.labels.list()).toEqual([]);

    const incomplete = await post(cookie, { ...fields, _csrf: csrf, topic: '' });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain('请选择主题');

    const before = Date.now();
    const ok = await post(cookie, { ...fields, _csrf: csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/console/labels?done=label&post=${encodeURIComponent(markupPost)}`);
    const [label] = await store.labels.list({ postId: markupPost });
    expect(label).toMatchObject({ sentiment: 'negative', severity: 1, topic: 'wages', actor: 'duty' });
    expect(Date.parse(label!.at)).toBeGreaterThanOrEqual(before - 1000);
    const next = await (await fetch(base + ok.headers.get('location'), { headers: { cookie } })).text();
    expect(next).toContain('已保存上一条：负面、严重程度 1 投诉、主题 欠薪/工资');
    expect(next).not.toContain(`name="post" value="${markupPost}"`);
  });

  it("remembers an administrator's skip for that administrator only", async () => {
    const admin = await login('admin');
    const shown = /name="post" value="([^"]+)"/.exec(await (await fetch(`${base}/console/labels`, { headers: { cookie: admin.cookie } })).text())![1]!;
    const res = await post(admin.cookie, { _csrf: admin.csrf, action: 'skip', post: shown });
    expect(res.status).toBe(303);
    const after = await (await fetch(base + res.headers.get('location'), { headers: { cookie: admin.cookie } })).text();
    expect(after).toContain('已跳过上一条');
    expect(after).not.toContain(`name="post" value="${shown}"`);
    const duty = await login('duty');
    expect(await (await fetch(`${base}/console/labels`, { headers: { cookie: duty.cookie } })).text()).toContain(`name="post" value="${shown}"`);
    expect((await store.audit.list({ actor: 'admin' })).some((a) => a.action === 'post.label.skip' && a.target === shown)).toBe(true);
  });

  it('offers the same queue as JSON, for duty officers and administrators only, with the CSRF header on POST', async () => {
    const api = (cookie: string, path: string, init: RequestInit = {}) =>
      fetch(`${base}/api/labels${path}`, { ...init, headers: { cookie, origin: base, ...(init.headers ?? {}) } });
    const pub = await login('publicity');
    expect((await api(pub.cookie, '/next')).status).toBe(403);
    const pubPost = await api(pub.cookie, '', {
      method: 'POST',
      headers: { 'x-csrf-token': pub.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ post: markupPost, skip: true }),
    });
    expect(pubPost.status).toBe(403);

    const duty = await login('duty');
    const next = await (await api(duty.cookie, '/next')).json();
    expect(typeof next.post.id).toBe('string');
    expect(next.waiting).toBeGreaterThan(0);
    expect(next.model).toHaveProperty('negative');
    const send = (body: unknown, token: string | null = duty.csrf) =>
      api(duty.cookie, '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    expect(next.pick).toBe('unsure');
    const label = { post: next.post.id, sentiment: 'negative', severity: 2, topic: 'labor_dispute', pick: next.pick };
    expect((await send(label, null)).status).toBe(403);
    expect((await send('not json')).status).toBe(400);
    const incomplete = await send({ ...label, topic: undefined });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.json()).toEqual({ error: '请选择主题' });
    const created = await send(label);
    expect(created.status).toBe(201);
    expect((await created.json()).label).toMatchObject({
      postId: next.post.id,
      sentiment: 'negative',
      severity: 2,
      topic: 'labor_dispute',
      actor: 'duty',
      pick: 'unsure',
    });
    expect((await send({ ...label, pick: 'mine' })).status).toBe(422);
    // one label picked as unsure so far: the next post is drawn at random
    const after = await (await api(duty.cookie, '/next')).json();
    expect(after.pick).toBe('random');
    expect(typeof after.post.id).toBe('string');
    expect(after.post.id).not.toBe(next.post.id);
    expect((await send({ post: after.post.id, skip: true })).status).toBe(200);
    expect((await (await api(duty.cookie, '/next')).json()).post?.id).not.toBe(after.post.id);
    expect((await send({ post: 'no-such-post', skip: true })).status).toBe(404);
  });

  it('shows how far the labels are from a threshold `minsheng train` can choose, counting the random picks only', async () => {
    const duty = await login('duty');
    const page = async () => {
      const html = await (await fetch(`${base}/console/labels`, { headers: { cookie: duty.cookie } })).text();
      const progress = html.slice(html.indexOf('data-progress'));
      return { html, text: progress.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ') };
    };
    // two labels so far, neither drawn at random: nothing counts yet
    const before = await page();
    expect(before.text).toContain('已标注 2 条帖子，其中标注队列随机抽到的 0 条');
    expect(before.text).toContain(
      '严重（2–3 级，严重信号模型）：随机抽到并标了严重程度的 0 条，其中 2–3 级 0 条。 还不够（至少要 100 条，其中 2–3 级至少 15 条）；还没有标 2–3 级的，估不出还要多少条',
    );
    const shown = /name="post" value="([^"]+)"/.exec(before.html)![1]!;
    expect(before.html).toContain('name="pick" value="random"');
    const res = await post(duty.cookie, {
      _csrf: duty.csrf,
      action: 'label',
      post: shown,
      pick: 'random',
      sentiment: 'negative',
      severity: '3',
      topic: 'wages',
    });
    expect(res.status).toBe(303);
    const after = await page();
    expect(after.text).toContain('已标注 3 条帖子，其中标注队列随机抽到的 1 条');
    // one random label, at severity 3: 99 more random picks reach 100 (the share says 14 more crises need only 14)
    expect(after.text).toContain(
      '严重（2–3 级，严重信号模型）：随机抽到并标了严重程度的 1 条，其中 2–3 级 1 条。 还不够（至少要 100 条，其中 2–3 级至少 15 条）；照目前的比例，大约还要随机抽到 99 条，也就是在队列里再标约 198 条',
    );
    expect(after.text).toContain('危机（3 级，危机模型）：随机抽到并标了严重程度的 1 条，其中 3 级 1 条。');
  });

  it('checks the scoring against the labels so far on its own page, for duty officers and administrators only', async () => {
    const pub = await login('publicity');
    expect((await fetch(`${base}/console/labels/check`, { headers: { cookie: pub.cookie } })).status).toBe(403);
    const duty = await login('duty');
    const res = await fetch(`${base}/console/labels/check`, { headers: { cookie: duty.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // the labels given above: three posts with all three fields, one of them drawn at random and labelled 3
    expect(text).toContain('随机抽到的（1 条，投诉 1 条）');
    expect(text).toContain('全部（含因为拿不准才排到前面的）（3 条，投诉 3 条）');
    const random = (await store.labels.list()).find((l) => l.pick === 'random')!;
    const scored = (await store.scores.get(random.postId))!;
    // its severity-3 recall is 1 of 1 or 0 of 1, with the interval a single letter gives
    const cell = scored.severity === 3 ? '100.0%（20.7–100.0%，说不准）' : '0.0%（0.0–79.3%，未达到）';
    expect(text).toMatch(new RegExp(`严重度 3 召回 / 精确 ${cell.replace(/[()（）.]/g, '\\$&')} /`));
    // which model gave the scores compared (stored scores are never rewritten)
    expect(text).toMatch(/算进来的评分来自：.+（\d+ 条）/);
    // the labelling page leads to it
    expect(await (await fetch(`${base}/console/labels`, { headers: { cookie: duty.cookie } })).text()).toContain('href="/console/labels/check"');
  });
});
