// The labelling queue's ordering rule: which post a duty officer is shown next.
import { describe, expect, it } from 'vitest';
import type { LabelCandidate } from '../../store/types.ts';
import { boundaryDistance, isSevereUncertain, nextInQueue, orderQueue } from '../../analysis/labelling/queue.ts';

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

  it('gives the next post and how many wait, or nothing for an empty queue', () => {
    expect(nextInQueue([])).toBeNull();
    const got = nextInQueue([c('x', 0.9), c('y', 0.4)]);
    expect(got?.next.postId).toBe('y');
    expect(got?.waiting).toBe(2);
  });
});
