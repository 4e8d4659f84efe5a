// robots.txt per RFC 9309: rules for our product token (else `*`), longest match wins and Allow
// wins a tie (robots-parser implements this; tests/crawler pin it down); a 4xx robots.txt means
// no restrictions; a 5xx or an unreachable server means "disallow everything" for now. Files are
// cached in the store for at most 24 hours. Crawl-delay, though non-standard, is honoured as a
// minimum interval.
import robotsParser from 'robots-parser';
import type { CrawlStateRepo, RobotsEntry } from '../store/crawl-state.ts';

/** RFC 9309 asks parsers to handle at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 512 * 1024;
export const ROBOTS_MAX_AGE_MS = 24 * 3600_000;

export interface RobotsVerdict {
  allowed: boolean;
  reason: string | null;
}

export interface RobotsRules {
  check(url: string): RobotsVerdict;
  /** Crawl-delay for our agent in milliseconds, if the file sets one. */
  crawlDelayMs: number | null;
}

/** The product token robots.txt groups are matched against: "MinshengBot/0.1 (+…)" → "MinshengBot". */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? userAgent;
}

export function rulesFromEntry(entry: Pick<RobotsEntry, 'origin' | 'status' | 'body'>, userAgent: string): RobotsRules {
  const token = productToken(userAgent);
  if (entry.status >= 400 && entry.status < 500) return { check: () => ({ allowed: true, reason: null }), crawlDelayMs: null };
  if (entry.status < 200 || entry.status >= 300) {
    const why = entry.status === 0 ? 'robots.txt 无法访问' : `robots.txt 返回 ${entry.status}`;
    return { check: () => ({ allowed: false, reason: `${why}，按 RFC 9309 暂停整站抓取` }), crawlDelayMs: null };
  }
  const robots = robotsParser(`${entry.origin}/robots.txt`, entry.body);
  const delay = robots.getCrawlDelay(token);
  return {
    check(url) {
      const allowed = robots.isAllowed(url, token) !== false;
      if (allowed) return { allowed, reason: null };
      const line = robots.getMatchingLineNumber(url, token);
      return { allowed, reason: `robots.txt 禁止抓取（第 ${line} 行）` };
    },
    crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay, 60) * 1000 : null,
  };
}

export function isFresh(entry: RobotsEntry, nowMs: number, maxAgeMs = ROBOTS_MAX_AGE_MS): boolean {
  const age = nowMs - Date.parse(entry.fetchedAt);
  return age >= 0 && age < Math.min(maxAgeMs, ROBOTS_MAX_AGE_MS);
}

type Download = (robotsUrl: string) => Promise<{ status: number; body: string }>;

/** Loads robots.txt rules per origin: memory → store (if fresh) → network. */
export class RobotsCache {
  private readonly memory = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly state: CrawlStateRepo,
    private readonly userAgent: string,
  ) {}

  /** `download` returns status 0 when the server could not be reached. */
  rulesFor(origin: string, download: Download): Promise<RobotsRules> {
    let rules = this.memory.get(origin);
    if (!rules) {
      rules = this.load(origin, download);
      this.memory.set(origin, rules);
      // A failed download (e.g. aborted) must not stick for the rest of the process.
      rules.catch(() => this.memory.delete(origin));
    }
    return rules;
  }

  private async load(origin: string, download: Download): Promise<RobotsRules> {
    const cached = await this.state.getRobots(origin);
    if (cached && isFresh(cached, Date.now())) return rulesFromEntry(cached, this.userAgent);
    const fetched = await download(`${origin}/robots.txt`);
    const entry: RobotsEntry = { origin, status: fetched.status, body: fetched.body, fetchedAt: new Date().toISOString() };
    // An unreachable or failing robots.txt is not cached: the next run asks again instead of
    // staying locked out for a day by one bad minute.
    if (fetched.status >= 200 && fetched.status < 500) await this.state.setRobots(entry);
    return rulesFromEntry(entry, this.userAgent);
  }
}
