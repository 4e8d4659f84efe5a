// Issue 13's targets, measured as a duty officer would meet them: `minsheng run` crawls a board's and
// a forum's RSS feeds (hand-written: three incidents of ten differently worded posts each, hard
// negatives, severe single posts, background) and the alerts it leaves must be: every incident one
// alert holding ≥ 8 of its 10 posts, ≥ 90% of severe single posts alerted, alert precision ≥ 0.9
// (an alert holds a severe post or an incident), and no more alerts than a person can read.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../../store/index.ts';
import type { Alert, AlertAction } from '../../store/types.ts';
import { startFixture } from '../crawler/fixture-server.ts';
import { INCIDENT_FEEDS, feedPosts, feedRss, type IncidentFeed } from '../analysis/fixtures/incident-feeds.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Outcome {
  alerts: Alert[];
  /** Post id → label (incident id, negative-k, severe-k, background-k). */
  label: Map<string, string>;
  /** Alert id → its history's actions, after the first run and after a second run on the same feed. */
  actions: Map<string, AlertAction[]>;
  actionsAfterRerun: Map<string, AlertAction[]>;
}

async function actionsOf(dataDir: string): Promise<Map<string, AlertAction[]>> {
  const store = openStore(dataDir);
  try {
    const out = new Map<string, AlertAction[]>();
    for (const a of await store.alerts.list({ limit: 10_000 }))
      out.set(
        a.id,
        (await store.alerts.events(a.id)).map((e) => e.action),
      );
    return out;
  } finally {
    await store.close();
  }
}

async function runOnFeed(feed: IncidentFeed): Promise<Outcome> {
  const now = new Date();
  const rss = (source: 0 | 1) => feedRss(feed, source, now);
  const site = await startFixture({
    '/robots.txt': (_q, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
    '/board.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(0)),
    '/forum.xml': (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(1)),
  });
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-incidents-'));
  dirs.push(dir);
  const sources = join(dir, 'sources.yaml');
  const source = (id: string, name: string, path: string) =>
    `  - { id: ${id}, name: ${name}, type: rss, start: "${site.url}${path}", schedule: "* * * * *", rateLimit: { perSecond: 10 }, allowPrivateNetwork: true }`;
  writeFileSync(
    sources,
    `userAgent: "MinshengTest/0.1 (+mailto:ops@example.gov.cn)"\nsources:\n${source('board', '留言板', '/board.xml')}\n${source('forum', '论坛', '/forum.xml')}\n`,
  );
  const minshengRun = () =>
    run(process.execPath, ['bin/minsheng.mjs', 'run', '--sources', sources, '--data', join(dir, 'data')], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
  let actions: Map<string, AlertAction[]>;
  let actionsAfterRerun: Map<string, AlertAction[]>;
  try {
    await minshengRun();
    actions = await actionsOf(join(dir, 'data'));
    // The scheduled job runs again on the same feed: nothing new, so no alert and no notice may change.
    await minshengRun();
    actionsAfterRerun = await actionsOf(join(dir, 'data'));
  } finally {
    await site.close();
  }
  const store = openStore(join(dir, 'data'));
  try {
    const labels = feedPosts(feed).map((p) => p.label);
    const label = new Map<string, string>();
    for (const p of await store.posts.list({ limit: 10_000 })) {
      const n = Number(/\/post\/(\d+)$/.exec(p.url)?.[1]);
      label.set(p.id, labels[n]!);
    }
    expect(label.size).toBe(labels.length);
    return { alerts: await store.alerts.list({ limit: 10_000 }), label, actions, actionsAfterRerun };
  } finally {
    await store.close();
  }
}

describe.each(INCIDENT_FEEDS.map((feed) => [feed.name, feed] as const))('minsheng run on the feed 「%s」', (_name, feed) => {
  let outcome: Outcome;
  const labelsOf = (a: Alert) => a.postIds.map((id) => outcome.label.get(id)!);

  // The duty officer's list: 红/橙/黄. Blue (一般) alerts go to the daily digest, not the list.
  const listed = () => outcome.alerts.filter((a) => a.level !== 'blue');
  const isIncident = (l: string) => /^(mixed|repost-[a-z])/.test(l) || feed.incidents.some((i) => i.id === l);

  it('crawls and alerts', async () => {
    outcome = await runOnFeed(feed);
    expect(outcome.alerts.length).toBeGreaterThan(0);
    // DUMP=1 prints what the README reports: the alerts with their posts' labels, and the figures.
    if (process.env.DUMP) {
      console.log(outcome.alerts.map((a) => `${a.level} ${a.title} [${labelsOf(a).join(',')}]`).join('\n'));
      const useful = (as: Alert[]) => as.filter((a) => labelsOf(a).some((l) => l.startsWith('severe') || isIncident(l))).length;
      const severe = feed.severe.map((_, k) => `severe-${k}`);
      const alerted = new Set(listed().flatMap(labelsOf));
      console.log(
        `FIGURES ${feed.name}: posts ${outcome.label.size}; alerts ${outcome.alerts.length} (listed ${listed().length}, blue ${outcome.alerts.length - listed().length}); ` +
          `precision listed ${useful(listed())}/${listed().length}, all ${useful(outcome.alerts)}/${outcome.alerts.length}; severe alerted ${severe.filter((s) => alerted.has(s)).length}/${severe.length}; ` +
          `incidents ${feed.incidents
            .map(
              (i) =>
                `${i.id} ${outcome.alerts
                  .filter((a) => labelsOf(a).includes(i.id))
                  .map((a) => labelsOf(a).filter((l) => l === i.id).length)
                  .join('+')}/10`,
            )
            .join(', ')}`,
      );
    }
  }, 600_000);

  it('gives every incident one alert holding at least 8 of its 10 posts', () => {
    for (const incident of feed.incidents) {
      const holding = outcome.alerts.filter((a) => labelsOf(a).includes(incident.id));
      expect(
        holding.map((a) => a.title),
        incident.id,
      ).toHaveLength(1);
      expect(labelsOf(holding[0]!).filter((l) => l === incident.id).length, incident.id).toBeGreaterThanOrEqual(8);
    }
  });

  it('never puts two incidents in one alert', () => {
    // Posts about two incidents (mixed-k) go with either; two incidents' own posts in one alert are a
    // wrong merge. Before grouping followed a canonical order, it came and went with the fixture
    // server's port (post ids hash the URL): the 460-post feed's shoe and textile factories, sometimes.
    for (const a of outcome.alerts) {
      const incidents = new Set(
        labelsOf(a)
          .map((l) => l.replace(/^repost-/, ''))
          .filter((l) => feed.incidents.some((i) => i.id === l)),
      );
      expect(incidents.size, `${a.title}: ${[...incidents].join('、')}`).toBeLessThanOrEqual(1);
    }
  });

  it('keeps hard negatives (same district and matter, other employer; same name-part, other matter) out of incident alerts', () => {
    const joined = outcome.alerts.flatMap((a) => {
      const labels = labelsOf(a);
      return labels.some((l) => feed.incidents.some((i) => i.id === l)) ? labels.filter((l) => l.startsWith('negative')) : [];
    });
    expect(joined).toEqual(feed.knownJoinedNegatives ?? []);
  });

  it('alerts at least 90% of the severe single posts, on the list', () => {
    const alerted = new Set(listed().flatMap(labelsOf));
    const severe = feed.severe.map((_, k) => `severe-${k}`);
    expect(severe.filter((s) => alerted.has(s)).length / severe.length).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the precision of the list at 0.9 or more, and the list at 40 or fewer', () => {
    // Posts about two incidents and reposts of incident posts are incident posts too.
    const useful = listed().filter((a) => labelsOf(a).some((l) => l.startsWith('severe') || isIncident(l)));
    expect(useful.length / listed().length).toBeGreaterThanOrEqual(0.9);
    expect(listed().length).toBeLessThanOrEqual(40);
  });

  it('notifies each alert once for the level it reached, and a rerun changes nothing', () => {
    for (const a of outcome.alerts) {
      const actions = outcome.actions.get(a.id) ?? [];
      const notices = actions.filter((x) => x === 'notified').length;
      const levelChanges = actions.filter((x) => x === 'raised' || x === 'escalated' || x === 'reopened').length;
      expect(notices, a.title).toBe(1);
      expect(levelChanges, a.title).toBeGreaterThanOrEqual(1);
    }
    expect(outcome.actionsAfterRerun).toEqual(outcome.actions);
  });
});
