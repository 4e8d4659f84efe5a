// The one retry loop (shared/retry.ts): tries, waits and gives up as the caller says, with no real waiting.
import { describe, expect, it } from 'vitest';
import { backoffDelay, retry } from '../../shared/retry.ts';

describe('retry', () => {
  it('tries again after the delays it is given and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new Error(`第 ${attempt} 次失败`);
        return 'ok';
      },
      { attempts: 5, delayMs: (attempt) => attempt * 100, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('throws the last error when the tries are used up, and stops at once on one not worth retrying', async () => {
    const sleep = async () => {};
    let calls = 0;
    await expect(retry(async () => Promise.reject(new Error(`失败 ${++calls}`)), { attempts: 3, delayMs: () => 1, sleep })).rejects.toThrow('失败 3');
    calls = 0;
    const refused = retry(async () => Promise.reject(new RangeError(`拒绝 ${++calls}`)), {
      attempts: 3,
      delayMs: () => 1,
      sleep,
      retryable: (e) => !(e instanceof RangeError),
    });
    await expect(refused).rejects.toThrow('拒绝 1');
  });

  it('backs off exponentially with jitter and a cap', () => {
    expect(backoffDelay(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
