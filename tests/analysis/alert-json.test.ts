// One JSON shape for an alert: `minsheng alerts --json`, GET /api/alerts and the generic webhook give
// the same object for the same alert (analysis/alerts/json.ts), each consumer wrapping it with its own
// extras rather than reshaping it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIContext } from 'astro';
import { openStore, type Store } from '../../store/index.ts';
import { alertJsonSchema, alertToJson, type AlertJson } from '../../analysis/alerts/json.ts';
import { notifierFromConfig, type FetchLike } from '../../analysis/notify/index.ts';
import { notifyPending } from '../../analysis/pipeline.ts';
import { GET as listAlertsRoute } from '../../site/pages/api/alerts/index.ts';
import { GET as alertRoute } from '../../site/pages/api/alerts/[id].ts';
import { runCli } from '../helpers/cli.ts';
import { seedStore } from '../console/seed.ts';

const now = new Date('2026-03-02T03:00:00Z');
let dir: string;
let store: Store;
let alertId: string;
let postIds: string[];
/** Bodies the generic webhook was sent. */
const hooked: { type: string; change: string; alert: AlertJson; link: string | null }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minsheng-alert-json-'));
  store = openStore(dir);
  ({ alertId, postIds } = await seedStore(store, now));
  // Assigned, so the shape carries a status other than new and an assignee.
  await store.alerts.transition(alertId, { from: 'new', status: 'assigned', assignee: 'duty', action: 'assigned', actor: 'admin', at: now.toISOString() });
  const fetch: FetchLike = async (_url, init) => {
    hooked.push(JSON.parse(init.body) as (typeof hooked)[number]);
    return { ok: true, status: 200, text: async () => '{}' };
  };
  const notifier = notifierFromConfig({ webhookUrl: 'http://hook.invalid/in', consoleUrl: 'https://ms.example/' }, { fetch, log: () => {}, now: () => now });
  await notifyPending(store, notifier, now);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Calls an API route as Astro would, with the store the middleware puts in locals. */
async function callRoute(route: typeof listAlertsRoute, url: string, params: Record<string, string> = {}) {
  const context = { locals: { store }, url: new URL(url), params, request: new Request(url) } as unknown as APIContext;
  const res = await route(context);
  expect(res.status).toBe(200);
  return res.json();
}

describe('one JSON shape for an alert', () => {
  it('is the same object from the CLI, the API and the webhook', async () => {
    expect(hooked).toHaveLength(1);
    const pushed = hooked[0]!;
    expect(pushed).toMatchObject({ type: 'minsheng.alert', change: 'raised', link: `https://ms.example/console/alerts/${alertId}` });

    const cli = await runCli(['alerts', '--json', '--data', dir]);
    expect(cli.code).toBe(0);
    const fromCli = (JSON.parse(cli.stdout) as AlertJson[]).find((a) => a.id === alertId)!;
    const list = (await callRoute(listAlertsRoute, 'http://127.0.0.1/api/alerts')) as { alerts: { alert: AlertJson; clock: unknown }[] };
    const fromList = list.alerts.find((x) => x.alert.id === alertId)!;
    const one = (await callRoute(alertRoute as typeof listAlertsRoute, `http://127.0.0.1/api/alerts/${alertId}`, { id: alertId })) as {
      alert: AlertJson;
      clock: unknown;
    };

    expect(fromList.alert).toEqual(fromCli);
    expect(one.alert).toEqual(fromCli);
    expect(pushed.alert).toEqual(fromCli);

    // What a consumer reads, written out once.
    for (const a of [fromCli, pushed.alert]) expect(alertJsonSchema.parse(a)).toEqual(a);
    expect(fromCli).toMatchObject({
      level: 'orange',
      levelName: '橙色（重大）',
      status: 'assigned',
      statusName: '已指派',
      assignee: 'duty',
      postCount: 2,
      postIds: postIds.slice(0, 2),
      posts: postIds.slice(0, 2).map((id) => ({ id, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/board\/thread\/\d$/) })),
      reasons: ['定级橙色（重大）：2 人反映同一事件，且有严重度 2 的危机信号', expect.stringContaining('拖欠工资')],
      reasonData: [{ kind: 'level', level: 'orange' }, { kind: 'negativeWords' }].map((r) => expect.objectContaining(r)),
    });
    expect(fromList.clock).toEqual(one.clock);
  });

  it('gives a post without a known address url null, and the schema rejects fields it does not document', async () => {
    const alert = (await store.alerts.get(alertId))!;
    const json = alertToJson(alert, new Map());
    expect(json.posts.every((p) => p.url === null)).toBe(true);
    expect(() => alertJsonSchema.parse({ ...json, extra: 1 })).toThrow();
  });
});
