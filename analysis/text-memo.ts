// Per-text results kept between the analysis runs of one process. Every tick, clustering, event
// grouping and the crisis signals look at each post of the 14-day window again (about 41,000
// posts at a million a year), and most of that work — jieba cuts, MinHash signatures, names —
// depends only on the post's text and fixed configuration. A long-running process (`worker
// --tick`, `watch`) computes it once per text, so a tick's cost follows its new posts; a one-shot
// `minsheng analyze` still computes the whole window once. The results are the same either way:
// a value is only ever reused for the very same text (and, via `memoFor`, the same settings).

/**
 * Texts kept per memo (least recently used go first): a window of 41,000 posts (a million a year)
 * with room for a busier one. About 5 KB of heap a post for the three memos together (211 MB
 * measured for 41,000 generated posts, deploy/README.md).
 */
export const TEXT_MEMO_CAPACITY = 150_000;

export class TextMemo<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly capacity = TEXT_MEMO_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`文本缓存容量应为正整数，收到 ${capacity}`);
  }

  /** The value for `text`, computed by `compute` unless this text was seen before. */
  get(text: string, compute: (text: string) => T): T {
    const hit = this.entries.get(text);
    if (hit !== undefined) {
      // Most recently used last, so the oldest window posts are the ones dropped.
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    const value = compute(text);
    this.entries.set(text, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

const memos = new Map<string, TextMemo<unknown>>();
/** At most this many settings kept at once (a threshold sweep in an evaluation makes many). */
const MAX_SETTINGS = 4;

/**
 * The process's memo for one computation under one set of settings (`settings` is anything
 * JSON-serialisable that the computation reads besides the text: its config, the region).
 */
export function memoFor<T>(name: string, settings: unknown): TextMemo<T> {
  const key = `${name}\u0000${JSON.stringify(settings)}`;
  let memo = memos.get(key);
  if (!memo) {
    if (memos.size >= MAX_SETTINGS) memos.delete(memos.keys().next().value!);
    memo = new TextMemo<unknown>();
    memos.set(key, memo);
  }
  return memo as TextMemo<T>;
}

/** Forgets every kept value (a benchmark timing a cold run after a warm one in the same process). */
export function clearTextMemos(): void {
  memos.clear();
}
