// One reader for every JSON Lines file staff and labellers write: the line numbers in its errors are the
// ones an editor shows.
import { describe, expect, it } from 'vitest';
import { jsonlRows } from '../../shared/jsonl.ts';

describe('jsonlRows', () => {
  it('skips blank lines and a byte-order mark, and says where each row came from', () => {
    const rows = jsonlRows('\uFEFF{"text":"a"}\n\n  \n{"text":"b"}\n', '标注.jsonl');
    expect(rows).toEqual([
      { row: { text: 'a' }, where: '标注.jsonl 第 1 行' },
      { row: { text: 'b' }, where: '标注.jsonl 第 4 行' },
    ]);
  });

  it('names a line that is not JSON, or not an object, by its line number', () => {
    expect(() => jsonlRows('{"text":"a"}\n{"text": 没有引号}\n', 'f.jsonl')).toThrow('f.jsonl 第 2 行不是合法的 JSON');
    expect(() => jsonlRows('["text"]\n', 'f.jsonl')).toThrow('f.jsonl 第 1 行应为 JSON 对象');
    expect(() => jsonlRows('null\n', 'f.jsonl')).toThrow('f.jsonl 第 1 行应为 JSON 对象');
  });
});
