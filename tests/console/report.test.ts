import { describe, expect, it } from 'vitest';
import type { Alert, AlertEvent } from '../../store/types.ts';
import { csvCell, toCsv } from '../../site/server/csv.ts';
import { responseRecord } from '../../site/server/deadline.ts';
import { responseRecordsCsv } from '../../site/server/stats.ts';

const T0 = '2025-09-01T02:00:00.000Z'; // 10:00 Beijing time
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3600_000).toISOString();
const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1',
  ruleKey: 'k',
  level: 'red',
  status: 'new',
  title: '标题',
  reasons: [],
  postIds: [],
  sources: [],
  firstSeen: T0,
  lastSeen: T0,
  assignee: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});
let id = 1;
const ev = (action: AlertEvent['action'], hours: number): AlertEvent => ({ id: id++, alertId: 'a1', at: at(hours), actor: 'duty', action, note: null });

describe('CSV for spreadsheets', () => {
  it('quotes every cell, doubles quotes, and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('普通文字')).toBe('"普通文字"');
    expect(csvCell('说"欠薪"了')).toBe('"说""欠薪""了"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvCell(-5)).toBe('"-5"');
    expect(csvCell(null)).toBe('""');
  });

  it('starts with a BOM and uses CRLF so Excel/WPS read Chinese correctly', () => {
    expect(toCsv(['甲', '乙'], [[1, '二']])).toBe('\uFEFF"甲","乙"\r\n"1","二"\r\n');
  });
});

describe('per-alert response report', () => {
  it('records first handling and response with minutes from the clock start, and the missed deadline', () => {
    const a = alert({ status: 'responded', title: '=cmd|calc' });
    const r = responseRecord(a, [ev('raised', 0), ev('acknowledged', 0.5), ev('responded', 6)], new Date(at(7)));
    expect(r.acknowledgedAt?.toISOString()).toBe(at(0.5));
    expect(r.respondedAt?.toISOString()).toBe(at(6));
    expect(r.late).toBe(true); // red: authoritative information due within 5 hours
    const lines = responseRecordsCsv([r]).split('\r\n');
    expect(lines[1]).toContain('"红·特别重大","\'=cmd|calc","已回应"');
    expect(lines[1]).toContain('"2025年9月1日 10:00","2025年9月1日 10:30","30","2025年9月1日 16:00","360"');
    expect(lines[1]).toContain('发布权威信息：截止 2025年9月1日 15:00，2025年9月1日 16:00 完成（超时）');
    expect(lines[1]).toContain('"是"');
  });

  it('does not count a false positive as late', () => {
    const r = responseRecord(alert({ status: 'false_positive' }), [ev('raised', 0), ev('false_positive', 8)], new Date(at(9)));
    expect(r.late).toBe(false);
    expect(responseRecordsCsv([r])).toContain('"误报","误报，不计时"');
  });
});
