// The real sets: ids of real board messages with labels agreed by two labellers (or settled by an
// adjudicator). Only ids and labels are in the repository; the texts are read by id from the
// research-only pool in ../shared/data, which CI has beside the clone. Pure helpers plus readers.
//
// Protocol (issue 12, from the sixth round, 2026-12-06): the batches are labelled one after another and
// listed in REAL_BATCH_FILES. The NEWEST batch is the TEST set, labelled without the rule writers seeing
// it and measured once on totals; every earlier batch is DEVELOPMENT data — errors may be read one by one
// and rules written from them. Adding a batch is one line here: the previous test batch then becomes
// development data. Until the test file is here, the test figures are "not measured yet", never the dev
// ones under another name. The old hash split of batch 1 (oldSplitOf) is kept only as a reported view.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../../config/paths.ts';
import type { ScoreResult, Sentiment } from '../../../store/types.ts';
import { formatInterval, verdict, wilsonInterval } from '../../proportion.ts';
import type { LabelledLine } from '../../sentiment/evaluate.ts';
import { OTHER_TOPIC } from '../../../shared/vocabulary.ts';

export const REAL_SET_DIR = dirname(fileURLToPath(import.meta.url));
/**
 * Every batch's labels, in the order they were labelled: batch n is REAL_BATCH_FILES[n - 1]. Batch 1 is the
 * 人社 keyword candidates, batch 2 the rest of them plus random messages, batches 3–13 random pool messages, batch 14
 * the 泰迪杯 附件2 messages (the pool was used up).
 */
export const REAL_BATCH_FILES: readonly string[] = [
  'labels.jsonl',
  'labels-2.jsonl',
  'labels-3.jsonl',
  'labels-4.jsonl',
  'labels-5.jsonl',
  'labels-6.jsonl',
  'labels-7.jsonl',
  'labels-8.jsonl',
  'labels-9.jsonl',
  'labels-10.jsonl',
  'labels-11.jsonl',
  'labels-12.jsonl',
  'labels-13.jsonl',
  'labels-14.jsonl',
].map((f) => join(REAL_SET_DIR, f));
/** The test batch is the newest one. */
export const TEST_BATCH = REAL_BATCH_FILES.length;
/** Batch 1. */
export const REAL_LABELS_FILE = REAL_BATCH_FILES[0]!;
/** The fresh test batch, written by the lead after adjudication (absent until then). */
export const REAL_TEST_LABELS_FILE = REAL_BATCH_FILES[TEST_BATCH - 1]!;
export const POOL_FILE_NAME = 'real_messages_pool.jsonl';
/**
 * The 494 泰迪杯 附件2 messages (same kind of board, not in the pool: the pool was built without them). Their
 * ids in the labels are "T" + the organisers' 留言编号, since the file has no id of its own.
 */
export const GOV_MESSAGES_FILE_NAME = 'tipdm2020_gov_messages.jsonl';
export const GOV_ID_PREFIX = 'T';

/** Where each batch's messages came from. */
export function batchOrigin(batch: number): string {
  if (batch === 1) return '人社关键词候选';
  if (batch === 2) return '剩下的人社关键词留言 + 随机抽的留言';
  if (batch <= 13) return '随机抽的原文池留言，多半不是人社的事';
  return '泰迪杯附件2 的全部留言，不在原文池里，四分之一是人社的事';
}

const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1–99 in Chinese numerals: 十一, 二十, 二十三. */
function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? NUMERALS[tens] : ''}十${n % 10 ? NUMERALS[n % 10] : ''}`;
}
/** "第四批", "第十一批": how the tools and READMEs name a batch. */
export function batchName(batch: number): string {
  return `第${Number.isInteger(batch) && batch >= 0 && batch < 100 ? chineseNumber(batch) : String(batch)}批`;
}

export type OldSplit = 'old-dev' | 'old-test';

/**
 * The split batch 1 had before the protocol changed: about 60% "old dev", the rest "old test", by a hash
 * of the id. The old test part was looked at three times while rules were written, so it is no longer a
 * test; it is reported only so the history in the READMEs can be followed.
 */
export function oldSplitOf(id: string): OldSplit {
  const h = createHash('sha256').update(`minsheng-real-split:${id}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < 0.6 ? 'old-dev' : 'old-test';
}

export interface RealLabel {
  id: string;
  label: Sentiment;
  severity: number;
  topic: string;
}

export interface RealLine extends LabelledLine {
  id: string;
  /** Which batch the line comes from (TEST_BATCH is the test set, the others development data). */
  batch: number;
  oldSplit: OldSplit;
  severity: number;
  topic: string;
}

/** Where the research-only data lives: MINSHENG_SHARED_DATA (from the caller's environment), else ../shared/data beside the repository. */
export function sharedDataDir(env: { MINSHENG_SHARED_DATA?: string }): string {
  return resolve(env.MINSHENG_SHARED_DATA ?? join(PROJECT_ROOT, '..', 'shared', 'data'));
}

export function readRealLabels(file = REAL_LABELS_FILE): RealLabel[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const row = JSON.parse(l) as Partial<RealLabel>;
      if (typeof row.id !== 'string' || !row.label || typeof row.severity !== 'number' || typeof row.topic !== 'string') {
        throw new Error(`${file} 第 ${i + 1} 行缺少 id、label、severity 或 topic`);
      }
      return { id: row.id, label: row.label, severity: row.severity, topic: row.topic };
    });
}

/**
 * Texts by id (only the ids asked for are kept) from the pool and, when beside it, the 泰迪杯 附件2 file
 * (ids "T" + 留言编号). One map: an id names one message whichever file holds it.
 */
export function readRealTexts(dataDir: string, ids: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  const read = (file: string, idOf: (row: { id?: string; orig_id?: string }) => string | undefined) => {
    if (!existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { id?: string; orig_id?: string; text: string };
      const id = idOf(row);
      if (id !== undefined && ids.has(id)) out.set(id, row.text);
    }
  };
  read(join(dataDir, POOL_FILE_NAME), (row) => row.id);
  if ([...ids].some((id) => id.startsWith(GOV_ID_PREFIX)))
    read(join(dataDir, GOV_MESSAGES_FILE_NAME), (row) => (row.orig_id === undefined ? undefined : `${GOV_ID_PREFIX}${row.orig_id}`));
  return out;
}

export type RealSetLoad = { ok: true; lines: RealLine[]; missing: string[] } | { ok: false; reason: string };

/** The labelled real lines of one batch with their texts, or why they cannot be read here (no pool, no labels). */
export function loadRealSet(env: { MINSHENG_SHARED_DATA?: string }, labelsFile = REAL_LABELS_FILE, batch = 1): RealSetLoad {
  const labels = readRealLabels(labelsFile);
  if (!labels.length) return { ok: false, reason: `没有真实集标注（${labelsFile} 不存在或为空）` };
  const pool = join(sharedDataDir(env), POOL_FILE_NAME);
  if (!existsSync(pool)) {
    return { ok: false, reason: `找不到真实留言原文 ${pool}（原文不进仓库；请把 shared/data 放在仓库旁边，或用 MINSHENG_SHARED_DATA 指定）` };
  }
  const texts = readRealTexts(sharedDataDir(env), new Set(labels.map((l) => l.id)));
  const missing = labels.filter((l) => !texts.has(l.id)).map((l) => l.id);
  const lines = labels
    .filter((l) => texts.has(l.id))
    .map((l) => ({
      id: l.id,
      text: texts.get(l.id)!,
      sentiment: l.label,
      severity: l.severity,
      topic: l.topic,
      batch,
      oldSplit: oldSplitOf(l.id),
    }));
  return { ok: true, lines, missing };
}

/** Why the test figures are missing while the test batch is not here yet (eval and the floors say this). */
export function testNotLabelled(file = REAL_TEST_LABELS_FILE, batch = TEST_BATCH): string {
  return `新的测试集（${batchName(batch)}）还没有放进来（${file} 不存在）：测试数字待量，不拿开发集代替`;
}

/** One batch as loaded: its number and file with its lines, or why it cannot be read. */
export type BatchLoad = RealSetLoad & { batch: number; file: string };

/**
 * Every batch: `development` = all but the last of `files` (batch 1 first), `test` = the last. A later batch
 * is refused when it shares an id with an earlier one (a message the rules were written from cannot measure
 * them, and one message must not count twice in the development data). `{ test: false }`: the caller works
 * on development data only and does not even read the test file.
 */
export function loadRealSets(
  env: { MINSHENG_SHARED_DATA?: string },
  files: readonly string[] = REAL_BATCH_FILES,
  options: { test?: boolean } = {},
): { development: BatchLoad[]; test: BatchLoad } {
  const seen = new Set<string>();
  const load = (file: string, batch: number): BatchLoad => {
    const at = { batch, file };
    if (!existsSync(file)) {
      const reason = batch === files.length ? testNotLabelled(file, batch) : `没有${batchName(batch)}标注（${file} 不存在）`;
      return { ok: false, reason, ...at };
    }
    const labels = readRealLabels(file);
    const shared = labels.filter((l) => seen.has(l.id));
    for (const l of labels) seen.add(l.id);
    if (shared.length) {
      const ids = shared.slice(0, 5).map((l) => l.id);
      return { ok: false, reason: `${file} 有 ${shared.length} 个 id 也在前面的批次里（${ids.join('、')}…），不能再用`, ...at };
    }
    return { ...loadRealSet(env, file, batch), ...at };
  };
  const development = files.slice(0, -1).map((f, i) => load(f, i + 1));
  const test: BatchLoad =
    options.test === false ? { ok: false, reason: '只读开发数据，没有读测试集', batch: files.length, file: files.at(-1)! } : load(files.at(-1)!, files.length);
  return { development, test };
}

/**
 * The development data: every batch but the test one, together (each line keeps its `batch`, so each can
 * be reported apart), in order, or why it cannot be read here.
 */
export function loadDevelopment(env: { MINSHENG_SHARED_DATA?: string }, files: readonly string[] = REAL_BATCH_FILES): RealSetLoad {
  const { development } = loadRealSets(env, files, { test: false });
  for (const load of development) if (!load.ok) return load;
  const ok = development.filter((l): l is Extract<BatchLoad, { ok: true }> => l.ok);
  return { ok: true, lines: ok.flatMap((l) => l.lines), missing: ok.flatMap((l) => l.missing) };
}

/** The issue's table, measured on real lines: complaints are the lines labelled negative. */
export interface RealFigures {
  n: number;
  complaints: number;
  negativeF1: number;
  complaintsPositive: number;
  complaintsPositiveCount: number;
  complaintsNeutral: number;
  severity2Recall: number;
  severity2Precision: number;
  severity3Recall: number;
  severity3Precision: number;
  severity2Support: number;
  severity3Support: number;
  /** Counts behind the shares above, for their intervals: found (labelled and scored at the level) and scored at the level. */
  severity2Found: number;
  severity2Raised: number;
  severity3Found: number;
  severity3Raised: number;
  topicOnComplaints: number;
  topicRightCount: number;
  /**
   * Complaints labelled with a 人社 line (not "other") and how many of them get that line: the bureau's own set is
   * 人社 letters, while a random batch is mostly "other", which the topic figure above then mostly counts.
   */
  rensheComplaints: number;
  topicOnRenshe: number;
  rensheRightCount: number;
}

type Scored = Pick<ScoreResult, 'sentiment' | 'severity' | 'topic'>;
const ratio = (a: number, b: number) => (b ? a / b : 0);

export function realFigures(lines: readonly Pick<LabelledLine, 'sentiment' | 'severity' | 'topic'>[], scores: readonly Scored[]): RealFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let cPos = 0;
  let cNeu = 0;
  let complaints = 0;
  let topicRight = 0;
  let renshe = 0;
  let rensheRight = 0;
  const sev = { tp2: 0, p2: 0, g2: 0, tp3: 0, p3: 0, g3: 0 };
  lines.forEach((l, i) => {
    const s = scores[i]!;
    const goldNeg = l.sentiment === 'negative';
    const predNeg = s.sentiment === 'negative';
    if (goldNeg && predNeg) tp++;
    else if (predNeg) fp++;
    else if (goldNeg) fn++;
    if (goldNeg) {
      complaints++;
      if (s.sentiment === 'positive') cPos++;
      if (s.sentiment === 'neutral') cNeu++;
      if (s.topic === l.topic) topicRight++;
      if (l.topic !== undefined && l.topic !== OTHER_TOPIC) {
        renshe++;
        if (s.topic === l.topic) rensheRight++;
      }
    }
    const g = l.severity ?? 0;
    if (g >= 2) sev.g2++;
    if (s.severity >= 2) sev.p2++;
    if (g >= 2 && s.severity >= 2) sev.tp2++;
    if (g === 3) sev.g3++;
    if (s.severity === 3) sev.p3++;
    if (g === 3 && s.severity === 3) sev.tp3++;
  });
  const p = ratio(tp, tp + fp);
  const r = ratio(tp, tp + fn);
  return {
    n: lines.length,
    complaints,
    negativeF1: ratio(2 * p * r, p + r),
    complaintsPositive: ratio(cPos, complaints),
    complaintsPositiveCount: cPos,
    complaintsNeutral: ratio(cNeu, complaints),
    severity2Recall: ratio(sev.tp2, sev.g2),
    severity2Precision: ratio(sev.tp2, sev.p2),
    severity3Recall: ratio(sev.tp3, sev.g3),
    severity3Precision: ratio(sev.tp3, sev.p3),
    severity2Support: sev.g2,
    severity3Support: sev.g3,
    severity2Found: sev.tp2,
    severity2Raised: sev.p2,
    severity3Found: sev.tp3,
    severity3Raised: sev.p3,
    topicOnComplaints: ratio(topicRight, complaints),
    topicRightCount: topicRight,
    rensheComplaints: renshe,
    topicOnRenshe: ratio(rensheRight, renshe),
    rensheRightCount: rensheRight,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const VERDICT_ZH = { met: '达到', missed: '未达到', unsure: '说不准' } as const;

/** A share with its 95% interval and whether it meets the target by the interval: "72.0%（52.4–85.7%，说不准）". */
function shareCell(successes: number, trials: number, target: number, kind: 'floor' | 'ceiling'): string {
  if (!trials) return '—';
  const interval = wilsonInterval(successes, trials);
  return `${pct(successes / trials)}（${formatInterval(interval)}，${VERDICT_ZH[verdict(interval, target, kind)]}）`;
}

/** One row of issue 12's table: what is measured, one cell per part, and the target. */
export interface RealFigureRow {
  label: string;
  cells: string[];
  target: string;
}

/**
 * Issue 12's table as rows, one cell per part (the console shows it as a table, formatRealFigures as markdown).
 * Each share but negative F1 carries its 95% interval (Wilson) and whether the target is met by it: "达到" when
 * the whole interval is on the right side of the target, "未达到" when the whole of it is on the wrong side,
 * "说不准" when the set is too small to tell (25 severity-3 letters give an interval some 30 points wide).
 */
export function realFigureRows(parts: readonly RealFigures[]): RealFigureRow[] {
  const row = (label: string, cell: (f: RealFigures) => string, target: string): RealFigureRow => ({ label, cells: parts.map(cell), target });
  return [
    row('负面 F1', (f) => pct(f.negativeF1), '≥ 90%'),
    row('投诉判为正面', (f) => `${shareCell(f.complaintsPositiveCount, f.complaints, 0.02, 'ceiling')}，${f.complaintsPositiveCount} 条`, '≤ 2%'),
    row('投诉判为中性', (f) => pct(f.complaintsNeutral), '—'),
    row(
      '严重度 ≥2 召回 / 精确',
      (f) =>
        `${shareCell(f.severity2Found, f.severity2Support, 0.85, 'floor')} / ${shareCell(f.severity2Found, f.severity2Raised, 0.7, 'floor')}（${f.severity2Support} 条）`,
      '≥ 85% / ≥ 70%',
    ),
    row(
      '严重度 3 召回 / 精确',
      (f) =>
        `${shareCell(f.severity3Found, f.severity3Support, 0.85, 'floor')} / ${shareCell(f.severity3Found, f.severity3Raised, 0.5, 'floor')}（${f.severity3Support} 条）`,
      '≥ 85% / ≥ 50%',
    ),
    row('投诉的主题准确率', (f) => shareCell(f.topicRightCount, f.complaints, 0.8, 'floor'), '≥ 80%'),
    row(
      '其中人社投诉的主题准确率',
      (f) => (f.rensheComplaints ? `${shareCell(f.rensheRightCount, f.rensheComplaints, 0.8, 'floor')}（${f.rensheComplaints} 条）` : '—'),
      '≥ 80%',
    ),
  ];
}

/** The issue's table for one or more named parts (dev, test, all), with the targets, as markdown (realFigureRows). */
export function formatRealFigures(parts: [string, RealFigures][]): string {
  const head = `| 真实留言 | ${parts.map(([name, f]) => `${name}（${f.n} 条，投诉 ${f.complaints}）`).join(' | ')} | 目标 |`;
  const sep = `|---|${parts.map(() => '---|').join('')}---|`;
  return [head, sep, ...realFigureRows(parts.map(([, f]) => f)).map((r) => `| ${r.label} | ${r.cells.join(' | ')} | ${r.target} |`)].join('\n');
}
