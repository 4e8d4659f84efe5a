// The rules for the editor's automatic drafts and for publish jobs (who may rebuild, when a job
// left running by a killed process counts as dead).
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_MAX_CHARS, autosaveOffer, autosaveProblem } from '../../publicity/autosave.ts';
import { EXPIRED_ERROR, jobExpired, jobView, PUBLISH_JOB_TTL_MS, slotDecision, type PublishJob } from '../../publicity/publish-job.ts';

const now = new Date('2026-12-05T06:03:00Z');
const draft = (over: Partial<{ source: string; baseVersion: number | null; savedAt: string }> = {}) => ({
  explainerId: 'severance',
  user: 'wang',
  source: '改过的内容',
  baseVersion: 3,
  savedAt: '2026-12-05T06:00:00Z',
  ...over,
});

describe('autosave rules', () => {
  it('refuses empty, non-text and over-long drafts in Chinese', () => {
    expect(autosaveProblem('  ')).toMatch(/空/);
    expect(autosaveProblem(42)).toMatch(/文字/);
    expect(autosaveProblem('x'.repeat(AUTOSAVE_MAX_CHARS + 1))).toMatch(/太长/);
    expect(autosaveProblem('正文')).toBeNull();
  });

  it('offers a recent draft that differs from the working copy, and says when someone saved a newer version since', () => {
    expect(autosaveOffer(null, { number: 3, source: '原文' }, now)).toBeNull();
    expect(autosaveOffer(draft({ source: '原文' }), { number: 3, source: '原文' }, now)).toBeNull();
    expect(autosaveOffer(draft(), { number: 3, source: '原文' }, now)).toMatchObject({ newerVersion: null });
    expect(autosaveOffer(draft(), { number: 5, source: '原文' }, now)).toMatchObject({ newerVersion: 5 });
    // A new page has no working copy; a month-old draft is not offered.
    expect(autosaveOffer(draft({ baseVersion: null }), null, now)).not.toBeNull();
    expect(autosaveOffer(draft({ savedAt: '2026-11-01T00:00:00Z' }), { number: 3, source: '原文' }, now)).toBeNull();
  });
});

const job = (over: Partial<PublishJob> = {}): PublishJob => ({
  id: 7,
  explainerId: 'severance',
  what: '第 2 版发布到网站',
  step: 'building',
  owner: 'host:1',
  startedAt: '2026-12-05T06:00:00Z',
  heartbeatAt: '2026-12-05T06:02:30Z',
  finishedAt: null,
  errors: [],
  warnings: [],
  ...over,
});

describe('publish job rules', () => {
  it('gives the slot when it is empty or its job finished, and refuses it while a job beats', () => {
    expect(slotDecision(null, now)).toEqual({ free: true, replacing: null });
    expect(slotDecision(job({ step: 'done' }), now)).toEqual({ free: true, replacing: 7 });
    expect(slotDecision(job(), now)).toEqual({ free: false, running: job() });
  });

  it('treats a running job whose heartbeat stopped longer than the limit as dead, and shows it as failed', () => {
    const limit = new Date(Date.parse('2026-12-05T06:02:30Z') + PUBLISH_JOB_TTL_MS);
    expect(jobExpired(job(), limit)).toBe(false);
    const after = new Date(limit.getTime() + 1);
    expect(jobExpired(job(), after)).toBe(true);
    expect(jobExpired(job({ step: 'failed' }), after)).toBe(false);
    expect(slotDecision(job(), after)).toEqual({ free: true, replacing: 7 });
    expect(jobView(job(), after)).toMatchObject({ step: 'failed', errors: [EXPIRED_ERROR] });
    expect(jobView(job(), now)).toMatchObject({ step: 'building' });
  });
});
