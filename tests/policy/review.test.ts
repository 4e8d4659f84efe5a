// Before publishing, staff are told which figures in force are gaps, unverified or probably old.
import { describe, expect, it } from 'vitest';
import { reviewParameters } from '../../policy/review.ts';
import type { ParameterTable } from '../../policy/parameters.ts';

const source = { title: '某文件' };
const table: ParameterTable = {
  'x/base': {
    label: '计发基数',
    description: 'd',
    unit: '元/月',
    values: {
      '2024-01-01': { value: 8321, confidence: 'official', source },
      '2026-01-01': { value: null, confidence: 'unverified', source, note: '尚未公布' },
    },
  },
  'x/rate': { label: '费率', description: 'd', unit: '比例', values: { '2006-01-01': { value: 0.2, confidence: 'official', source } } },
  'x/wage': { label: '最低工资', description: 'd', unit: '元/月', values: { '2025-01-01': { value: 2200, confidence: 'unverified', source } } },
};

describe('parameter review before publishing', () => {
  it('names the gap in force, the unverified figure and the money figure not updated for over a year', () => {
    const notices = reviewParameters(new Date('2026-11-28T00:00:00Z'), table);
    expect(notices).toEqual([
      expect.objectContaining({ id: 'x/base', kind: 'gap', message: '计发基数：自 2026年1月1日 起没有可用的数（尚未公布）' }),
      expect.objectContaining({ id: 'x/wage', kind: 'unverified' }),
      expect.objectContaining({ id: 'x/wage', kind: 'old', message: '最低工资：现行的数自 2025年1月1日 起未更新，请核对是否已公布新标准' }),
    ]);
  });

  it('says nothing about an official rate that simply has not changed', () => {
    expect(reviewParameters(new Date('2025-06-01T00:00:00Z'), table).filter((n) => n.id === 'x/rate')).toEqual([]);
  });
});
