// Progress display for `minsheng crawl` / `watch`: one live line per source on a terminal,
// plain lines (start of each source, every few seconds, and its end) when output is a file or pipe.
import type { SourceProgress } from './crawl-source.ts';
import type { CrawlSummary } from './index.ts';

export function progressLine(
  p: Pick<SourceProgress, 'name' | 'id' | 'pages' | 'newPosts' | 'skipped' | 'errors'> & { queued?: number; finished?: boolean },
): string {
  const queue = p.finished || p.queued === undefined ? '' : `，待抓 ${p.queued}`;
  const state = p.finished ? '（完成）' : '';
  return `${p.name}（${p.id}）：页面 ${p.pages}，新帖 ${p.newPosts}，跳过 ${p.skipped}，错误 ${p.errors}${queue}${state}`;
}

export interface ProgressReporter {
  update(p: SourceProgress): void;
  /** Draws the final state and leaves the cursor below it. */
  close(): void;
}

export function progressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }, now: () => number = Date.now): ProgressReporter {
  const latest = new Map<string, SourceProgress>();
  if (stream.isTTY) {
    let drawn = 0;
    let lastDraw = 0;
    const draw = () => {
      lastDraw = now();
      let out = drawn ? `\x1b[${drawn}A` : '';
      for (const p of latest.values()) out += `\x1b[2K${progressLine(p)}\n`;
      drawn = latest.size;
      stream.write(out);
    };
    return {
      update(p) {
        const isNew = !latest.has(p.id);
        latest.set(p.id, p);
        if (isNew || p.finished || now() - lastDraw > 100) draw();
      },
      close() {
        if (latest.size) draw();
      },
    };
  }
  const lastLine = new Map<string, number>();
  return {
    update(p) {
      const seen = lastLine.get(p.id);
      if (seen === undefined || p.finished || now() - seen > 5000) {
        lastLine.set(p.id, now());
        stream.write(progressLine(p) + '\n');
      }
    },
    close() {},
  };
}

export function summaryText(summary: CrawlSummary): string {
  const lines = ['抓取结果：'];
  for (const s of summary.sources) {
    const mark = s.failed ? '【失败】' : s.aborted ? '【已中止】' : '';
    lines.push(`  ${mark}${progressLine({ ...s, finished: false, queued: undefined })}`);
    for (const p of s.problems) lines.push(`      ${p}`);
  }
  const t = summary.totals;
  lines.push(`合计：${summary.sources.length} 个来源，页面 ${t.pages}，新帖 ${t.newPosts}，跳过 ${t.skipped}，错误 ${t.errors}`);
  if (summary.aborted) lines.push('抓取被中止；已完成的部分已保存，下次运行会从中断处继续。');
  return lines.join('\n') + '\n';
}
