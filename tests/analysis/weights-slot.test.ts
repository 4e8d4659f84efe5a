// A model's weights follow its file: a retrained file that appears in the chosen data directory, is rewritten
// or is removed is read anew after refresh(), so `minsheng train` takes effect in a running process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { weightsSlot } from '../../analysis/linear-model.ts';

type W = { format: 'test/1'; bias: number[] };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'minsheng-slot-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup() {
  const shippedDir = tmp();
  const shipped = join(shippedDir, 'weights.json');
  writeFileSync(shipped, JSON.stringify({ format: 'test/1', bias: [0] }));
  const slot = weightsSlot<W>({ format: 'test/1', what: '测试模型', shipped, retrainedName: 'test-weights.json', absentVersion: 'none' });
  const data = tmp();
  return { slot, shipped, data, retrained: join(data, 'test-weights.json') };
}

describe('weightsSlot.refresh', () => {
  it('reads a retrained file that appears in the data directory, a rewrite of it, and the shipped one again once it is removed', () => {
    const { slot, shipped, data, retrained } = setup();
    slot.useDataDir(data);
    expect(slot.load().weights!.bias).toEqual([0]);
    const shippedVersion = slot.load().version;
    expect(slot.refresh()).toBe(false);

    writeFileSync(retrained, JSON.stringify({ format: 'test/1', bias: [1] }));
    expect(slot.refresh()).toBe(true);
    expect(slot.chosen()).toBe(retrained);
    expect(slot.load().weights!.bias).toEqual([1]);
    expect(slot.refresh()).toBe(false);

    writeFileSync(retrained, JSON.stringify({ format: 'test/1', bias: [22] }));
    expect(slot.refresh()).toBe(true);
    expect(slot.load().weights!.bias).toEqual([22]);

    rmSync(retrained);
    expect(slot.refresh()).toBe(true);
    expect(slot.chosen()).toBe(shipped);
    expect(slot.load().version).toBe(shippedVersion);
    expect(readFileSync(shipped, 'utf8')).toContain('"bias":[0]');
  });

  it('keeps an explicitly chosen file, whatever appears in a data directory, and reads it anew when it is rewritten', () => {
    const { slot, shipped, data, retrained } = setup();
    slot.useDataDir(data);
    slot.use(shipped);
    slot.load();
    writeFileSync(retrained, JSON.stringify({ format: 'test/1', bias: [1] }));
    expect(slot.refresh()).toBe(false);
    expect(slot.load().weights!.bias).toEqual([0]);
    writeFileSync(shipped, JSON.stringify({ format: 'test/1', bias: [5, 5] }));
    expect(slot.refresh()).toBe(true);
    expect(slot.load().weights!.bias).toEqual([5, 5]);
  });

  it('has nothing to read anew before anything was loaded', () => {
    const { slot, data, retrained } = setup();
    slot.useDataDir(data);
    writeFileSync(retrained, JSON.stringify({ format: 'test/1', bias: [1] }));
    expect(slot.refresh()).toBe(false);
    expect(slot.load().weights!.bias).toEqual([1]);
  });
});
