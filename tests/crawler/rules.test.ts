// The crawler's pure rules: canonical URLs, masking, dates, encodings, the SSRF address check,
// robots.txt precedence, back-off and Retry-After.
import { afterEach, describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import { canonicalUrl } from '../../crawler/url.ts';
import { maskPersonalData } from '../../crawler/mask.ts';
import { parsePublishedAt } from '../../crawler/dates.ts';
import { decodeBody } from '../../crawler/encoding.ts';
import { isPrivateAddress } from '../../crawler/net-guard.ts';
import { rulesFromEntry, productToken } from '../../crawler/robots.ts';
import { backoffDelay, HostGate, parseRetryAfter } from '../../crawler/politeness.ts';
import { parseSelector } from '../../crawler/extract-html.ts';
import { contentHash } from '../../crawler/content-hash.ts';
import { buildPost } from '../../crawler/post.ts';
import { htmlToText } from '../../crawler/text.ts';
import { scoreText } from '../../analysis/index.ts';
import { sourcesFileSchema } from '../../crawler/sources.ts';

describe('canonical URLs', () => {
  it('strips tracking parameters and the fragment and sorts the rest', () => {
    expect(canonicalUrl('HTTP://Bbs.Example.CN:80/t?b=2&utm_source=wx&spm=a.b&a=1&from=timeline#reply')).toBe('http://bbs.example.cn/t?a=1&b=2');
    expect(canonicalUrl('https://x.cn/a?tid=5&page=2')).toBe(canonicalUrl('https://x.cn/a?page=2&tid=5#top'));
  });
  it('keeps parameters that select content', () => {
    expect(canonicalUrl('https://x.cn/threads/content?tid=123')).toBe('https://x.cn/threads/content?tid=123');
  });
  it('refuses non-http schemes', () => {
    expect(() => canonicalUrl('javascript:alert(1)')).toThrow();
  });
});

describe('personal data masking', () => {
  it('masks mobile numbers, keeping carrier prefix and last four', () => {
    expect(maskPersonalData('电话13812345678，或 +86 139-1234-5678')).toBe('电话138****5678，或 139****5678');
  });
  it('leaves no digits of an 18- or 15-digit ID number', () => {
    const masked = maskPersonalData('身份证号 51170219800101123X 和 511702800101123');
    expect(masked).not.toMatch(/\d/);
    expect(masked).toContain('身份证号');
  });
  it('masks full-width digits and landlines but not dates or amounts', () => {
    expect(maskPersonalData('手机１３８１２３４５６７８')).toBe('手机138****5678');
    expect(maskPersonalData('办公室 0818-2123456')).toBe('办公室 0818-*****56');
    expect(maskPersonalData('2025年9月1日领到1980元，订单号 202509011234567890123')).toBe('2025年9月1日领到1980元，订单号 202509011234567890123');
  });
});

describe('publication dates', () => {
  it('reads Chinese forms as Beijing time', () => {
    expect(parsePublishedAt('2025年9月1日 10:30')).toBe('2025-09-01T10:30:00+08:00');
    expect(parsePublishedAt('发布时间：2025-09-01 10:30')).toBe('2025-09-01T10:30:00+08:00');
    expect(parsePublishedAt('2025/9/1')).toBe('2025-09-01T00:00:00+08:00');
    expect(parsePublishedAt('2025年09月01日 下午3点05分')).toBe('2025-09-01T15:05:00+08:00');
  });
  it('converts ISO and RFC 822 instants to +08:00', () => {
    expect(parsePublishedAt('2025-09-01T02:30:00Z')).toBe('2025-09-01T10:30:00+08:00');
    expect(parsePublishedAt('Mon, 01 Sep 2025 02:30:00 GMT')).toBe('2025-09-01T10:30:00+08:00');
    expect(parsePublishedAt(1756693800)).toBe('2025-09-01T10:30:00+08:00');
  });
  it('returns null for nonsense', () => {
    expect(parsePublishedAt('昨天')).toBeNull();
    expect(parsePublishedAt('2025年2月30日')).toBeNull();
    expect(parsePublishedAt('')).toBeNull();
  });
});

describe('encodings', () => {
  const text = '达州市人社局：养老保险缴费基数调整';
  it('decodes GBK declared only in <meta>', () => {
    const bytes = iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${text}</body></html>`, 'gbk');
    expect(decodeBody(bytes, 'text/html')).toContain(text);
  });
  it('sniffs undeclared GBK and prefers the header when present', () => {
    expect(decodeBody(iconv.encode(text, 'gbk'), null)).toBe(text);
    expect(decodeBody(iconv.encode(text, 'gb18030'), 'text/html; charset=GB18030')).toBe(text);
    expect(decodeBody(Buffer.from(text), 'text/html')).toBe(text);
  });
  it('keeps characters only GB18030 has, reads Windows aliases of GBK and Big5, and ignores an unknown charset', () => {
    const rare = '𠀀字与€';
    expect(decodeBody(iconv.encode(rare, 'gb18030'), 'text/html; charset=GBK')).toBe(rare);
    expect(decodeBody(iconv.encode(text, 'gbk'), 'text/html; charset=cp936')).toBe(text);
    expect(decodeBody(iconv.encode('臺灣社會保險', 'big5'), 'text/html; charset=big5')).toBe('臺灣社會保險');
    expect(decodeBody(Buffer.from(text), 'text/html; charset=x-unknown-charset')).toBe(text);
  });
});

describe('SSRF address check', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    '198.19.255.255',
    '2001:db8::1',
    'ff02::1',
    'fec0::1',
  ])('refuses %s', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['8.8.8.8', '220.181.38.148', '2400:da00::6666', '172.32.0.1', '::ffff:8.8.8.8', '2002:808:808::1', '64:ff9b::808:808'])('allows public %s', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe('robots.txt (RFC 9309)', () => {
  const origin = 'https://bbs.example.cn';
  const ua = 'MinshengBot/0.1 (+mailto:ops@example.gov.cn)';
  const rules = (body: string, status = 200) => rulesFromEntry({ origin, status, body }, ua);
  it('matches our product token case-insensitively and ignores the * group then', () => {
    const r = rules('User-agent: *\nDisallow: /\n\nUser-agent: minshengbot\nDisallow: /private/\n');
    expect(productToken(ua)).toBe('MinshengBot');
    expect(r.check(`${origin}/board/1`).allowed).toBe(true);
    expect(r.check(`${origin}/private/1`).allowed).toBe(false);
  });
  it('lets the longest match win, and Allow win a tie', () => {
    const r = rules('User-agent: *\nDisallow: /board/\nAllow: /board/public/\nDisallow: /x\nAllow: /x\n');
    expect(r.check(`${origin}/board/secret`).allowed).toBe(false);
    expect(r.check(`${origin}/board/public/1`).allowed).toBe(true);
    expect(r.check(`${origin}/x`).allowed).toBe(true);
  });
  it('supports * and $ patterns', () => {
    const r = rules('User-agent: *\nDisallow: /*.php$\n');
    expect(r.check(`${origin}/a/b.php`).allowed).toBe(false);
    expect(r.check(`${origin}/a/b.php?x=1`).allowed).toBe(true);
  });
  it('treats 4xx as allow-all and 5xx/unreachable as disallow-all', () => {
    expect(rules('', 404).check(`${origin}/a`).allowed).toBe(true);
    expect(rules('', 503).check(`${origin}/a`).allowed).toBe(false);
    expect(rules('', 0).check(`${origin}/a`).allowed).toBe(false);
  });
  it('reads Crawl-delay as a minimum interval', () => {
    expect(rules('User-agent: *\nCrawl-delay: 2\n').crawlDelayMs).toBe(2000);
  });
});

describe('back-off', () => {
  it('grows exponentially with jitter and a cap', () => {
    expect(backoffDelay(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('per-host spacing (fake clock)', () => {
  afterEach(() => void vi.useRealTimers());

  /** Starts `n` requests at once through the gate and records when each was let through. */
  async function startTimes(gate: HostGate, n: number, between?: () => void): Promise<number[]> {
    const times: number[] = [];
    const runs = Array.from({ length: n }, async (_, i) => {
      const release = await gate.acquire();
      times[i] = Date.now();
      if (i === 0) between?.();
      release();
    });
    await vi.runAllTimersAsync();
    await Promise.all(runs);
    return times;
  }

  it('lets requests to one host start no closer than the interval, queued in order', async () => {
    vi.useFakeTimers({ now: 0 });
    const times = await startTimes(new HostGate(100, 1), 5);
    expect(times).toEqual([0, 100, 200, 300, 400]);
  });

  it('keeps the strictest interval of the sources sharing a host, and waits out a Retry-After for all', async () => {
    vi.useFakeTimers({ now: 0 });
    const gate = new HostGate(100, 2);
    gate.tighten(250);
    gate.tighten(50);
    expect(await startTimes(gate, 3)).toEqual([0, 250, 500]);
    gate.pushBack(Date.now() + 5_000);
    const [first] = await startTimes(gate, 1);
    expect(first).toBeGreaterThanOrEqual(5_500);
  });
});

describe('selectors and hashes', () => {
  it('splits selector@attr but keeps @ inside attribute selectors', () => {
    expect(parseSelector('a.title@href')).toEqual({ css: 'a.title', attr: 'href' });
    expect(parseSelector('a[href^="mailto:x@y"]')).toEqual({ css: 'a[href^="mailto:x@y"]', attr: null });
  });
  it('hashes the same text with different spacing the same', () => {
    expect(contentHash({ title: '标题', body: '正文  第一段\n第二段', author: null })).toBe(
      contentHash({ title: ' 标题', body: '正文 第一段 第二段', author: '' }),
    );
  });
});

describe('invisible characters in crawled text', () => {
  const context = { source: 'board', district: null, fetchedAt: '2026-12-07T00:00:00.000Z' };
  it('drops terminal escapes, direction overrides and zero-width characters from title, body and author', () => {
    const built = buildPost(
      {
        title: '\u001b[2J\u001b]0;已处理\u0007工地欠\u200b薪\u202e',
        body: '我们二十多人\u0000干了半年，老板欠\u200d薪\ufeff不给。\r\n第二段\t写完',
        author: '网友\u001b[31m甲',
        publishedAt: null,
      },
      'https://board.example/post/1',
      context,
    );
    if (!('post' in built)) throw new Error(built.skip);
    expect(built.post.title).toBe('[2J]0;已处理工地欠薪');
    expect(built.post.body).toBe('我们二十多人干了半年，老板欠薪不给。\n第二段 写完');
    expect(built.post.author).toBe('网友[31m甲');
    // The hidden word is a word again: the scorer reads it as wages.
    expect(scoreText(`${built.post.title}\n${built.post.body}`).topic).toBe('wages');
  });
  it('keeps line breaks from HTML and leaves ordinary text alone', () => {
    expect(htmlToText('<p>第一段\u200b</p><p>第二段 😀</p>')).toBe('第一段\n\n第二段 😀');
  });
});

describe('sources file', () => {
  const base = { id: 'a', name: 'A', type: 'rss', start: 'https://a.cn/feed' };
  it('keeps the issue keys and refuses a bad cron expression or a User-Agent without contact', () => {
    expect(sourcesFileSchema.safeParse({ sources: [base] }).success).toBe(true);
    const badCron = sourcesFileSchema.safeParse({ sources: [{ ...base, schedule: 'every minute' }] });
    expect(badCron.success).toBe(false);
    expect(sourcesFileSchema.safeParse({ userAgent: 'curl', sources: [base] }).success).toBe(false);
  });
});

describe('the example sources file', () => {
  it('is valid, so operators can start from it', async () => {
    const { loadSources } = await import('../../crawler/sources.ts');
    const file = loadSources(new URL('../../crawler/sources.example.yaml', import.meta.url).pathname);
    expect(file.sources.map((s) => s.type)).toEqual(['html', 'rss', 'json', 'json', 'browser']);
    expect(file.http?.runAttempts).toBe(3);
  });
});
