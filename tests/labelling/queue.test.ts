// The labelling queue's ordering rule: which post a duty officer is shown next.
import { describe, expect, it } from 'vitest';
import type { LabelCandidate } from '../../store/types.ts';
import { boundaryDistance, findNext, findNextPick, isSevereUncertain, nextPick, orderQueue, type CandidateFilter } from '../../analysis/labelling/queue.ts';

const c = (postId: string, negative: number, over: Partial<LabelCandidate> = {}): LabelCandidate => ({
  postId,
  negative,
  sentiment: negative > 0.5 ? 'negative' : 'neutral',
  severity: 0,
  topic: 'wages',
  postedAt: '2026-12-01T08:00:00Z',
  ...over,
});
const ids = (xs: LabelCandidate[]) => xs.map((x) => x.postId);

describe('labelling queue order', () => {
  it('measures the distance to the band where a three-class argmax may or may not say negative', () => {
    expect(boundaryDistance(0.4)).toBe(0);
    expect(boundaryDistance(0.5)).toBe(0);
    expect(boundaryDistance(0.6)).toBeCloseTo(0.1);
    expect(boundaryDistance(0.2)).toBeCloseTo(1 / 3 - 0.2);
    expect(boundaryDistance(0.99)).toBeCloseTo(0.49);
  });

  it('puts the posts the model is least sure of first, sure ones (either way) last', () => {
    const order = orderQueue([c('sure-negative', 0.97), c('sure-other', 0.03), c('unsure', 0.42), c('leaning', 0.6)]);
    expect(ids(order)).toEqual(['unsure', 'leaning', 'sure-other', 'sure-negative']);
  });

  it('puts severe-but-uncertain posts ahead of everything, the more severe first', () => {
    const order = orderQueue([
      c('mild-unsure', 0.42),
      c('severe2-near', 0.62, { severity: 2 }),
      c('severe3-near', 0.68, { severity: 3, sentiment: 'negative' }),
      c('severe3-sure', 0.99, { severity: 3, sentiment: 'negative' }),
    ]);
    expect(ids(order)).toEqual(['severe3-near', 'severe2-near', 'mild-unsure', 'severe3-sure']);
  });

  it('treats a severe post scored as praise as uncertain however sure the sentiment looks', () => {
    const praised = c('crisis-read-as-praise', 0.05, { severity: 3, sentiment: 'positive' });
    expect(isSevereUncertain(praised)).toBe(true);
    expect(ids(orderQueue([c('unsure', 0.45), praised]))).toEqual(['crisis-read-as-praise', 'unsure']);
    expect(isSevereUncertain(c('sure-crisis', 0.95, { severity: 3, sentiment: 'negative' }))).toBe(false);
  });

  it('breaks ties by the middle of the band, then the newer post, then the id, the same on every call', () => {
    const older = c('b-older', 0.45, { postedAt: '2026-11-01T00:00:00Z' });
    const newer = c('c-newer', 0.45, { postedAt: '2026-12-01T00:00:00Z' });
    const twin = c('a-twin', 0.45, { postedAt: '2026-12-01T00:00:00Z' });
    const edge = c('edge', 0.34);
    expect(ids(orderQueue([older, edge, newer, twin]))).toEqual(['a-twin', 'c-newer', 'b-older', 'edge']);
    expect(ids(orderQueue([twin, newer, edge, older]))).toEqual(['a-twin', 'c-newer', 'b-older', 'edge']);
  });
});

/** The store's filter, over an array. */
const fetchFrom =
  (all: LabelCandidate[], calls: { filter: CandidateFilter; returned: number }[] = []) =>
  async (f: CandidateFilter) => {
    const got = all.filter(
      (x) =>
        (f.minSeverity === undefined || x.severity >= f.minSeverity) &&
        (f.negativeFrom === undefined || x.negative >= f.negativeFrom) &&
        (f.negativeTo === undefined || x.negative <= f.negativeTo),
    );
    const answer = f.firstById ? [...got].sort((a, b) => (a.postId < b.postId ? -1 : 1)).slice(0, 1) : got;
    calls.push({ filter: f, returned: answer.length });
    return answer;
  };

describe('finding the next post without reading every score', () => {
  it('picks the same post as ordering everything, on many random queues', async () => {
    // A small deterministic generator, so a failure can be replayed.
    let seed = 12;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sentiments = ['negative', 'neutral', 'positive'] as const;
    for (let round = 0; round < 300; round++) {
      const all = Array.from({ length: 1 + Math.floor(rnd() * 40) }, (_, i) =>
        c(`p${round}-${i}`, Math.round(rnd() * 1000) / 1000, {
          severity: Math.floor(rnd() * 4) as LabelCandidate['severity'],
          sentiment: sentiments[Math.floor(rnd() * 3)]!,
          postedAt: new Date(Date.UTC(2026, 10, 1 + Math.floor(rnd() * 30))).toISOString(),
        }),
      );
      expect((await findNext(fetchFrom(all)))?.postId).toBe(orderQueue(all)[0]!.postId);
    }
    expect(await findNext(fetchFrom([]))).toBeNull();
  });

  it('reads only the severe posts and the narrowest window that holds a post', async () => {
    const calls: { filter: CandidateFilter; returned: number }[] = [];
    const all = [c('near', 0.4), ...Array.from({ length: 50 }, (_, i) => c(`far${i}`, 0.99 - i * 0.001))];
    expect((await findNext(fetchFrom(all, calls)))?.postId).toBe('near');
    expect(calls).toEqual([
      { filter: { minSeverity: 2 }, returned: 0 },
      { filter: { negativeFrom: 1 / 3 - 0.05, negativeTo: 0.55 }, returned: 1 },
    ]);
  });
});

describe('every other post drawn at random', () => {
  it('draws at random whenever fewer labels were drawn than picked as unsure, so the two alternate', () => {
    expect(nextPick([])).toBe('unsure');
    expect(nextPick(['unsure'])).toBe('random');
    expect(nextPick(['unsure', 'random'])).toBe('unsure');
    // triage corrections and older labels (no pick) do not count either way
    expect(nextPick([undefined, undefined, 'unsure'])).toBe('random');
    expect(nextPick(['unsure', 'unsure', 'random'])).toBe('random');
  });

  it('takes the post with the smallest id as the random pick, and the queue’s head otherwise', async () => {
    const all = [c('b7', 0.4), c('a3', 0.99), c('f0', 0.45, { severity: 3 })];
    const calls: { filter: CandidateFilter; returned: number }[] = [];
    expect(await findNextPick(fetchFrom(all, calls), 'random')).toEqual({ candidate: all[1], pick: 'random' });
    expect(calls.map((x) => x.filter)).toEqual([{ firstById: true }]);
    expect(await findNextPick(fetchFrom(all), 'unsure')).toEqual({ candidate: all[2], pick: 'unsure' });
    expect(await findNextPick(fetchFrom([]), 'random')).toBeNull();
  });
});
