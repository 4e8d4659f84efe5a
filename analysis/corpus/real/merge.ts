// Merges two independent labelling passes over the real candidates into labels.jsonl (ids and labels
// only, never texts), with per-item agreement and Cohen's kappa per field. Disagreements are settled by
// the adjudicator's file (adjudication.jsonl: {"id","label","severity","topic"} chosen after reading the
// message); a disagreement without a decision stops the merge unless --allow-unsettled is given.
//
//   node bin/run-ts.mjs analysis/corpus/real/merge.ts --pass1 P1.jsonl --pass2 P2.jsonl [--candidates C.json]
//   node bin/run-ts.mjs analysis/corpus/real/merge.ts ... --show   # print the unsettled disagreements with texts (terminal only)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPICS } from '../../topic.ts';
import { POOL_FILE_NAME, readPoolTexts, REAL_LABELS_FILE, REAL_SET_DIR, sharedDataDir, splitOf } from './real-set.ts';

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
type Fields = { label: string; severity: number; topic: string };
export interface PassLine extends Fields {
  id: string;
}

export const ADJUDICATION_FILE = join(REAL_SET_DIR, 'adjudication.jsonl');
export const AGREEMENT_FILE = join(REAL_SET_DIR, 'agreement.json');

export function parsePass(content: string, file: string): PassLine[] {
  const out: PassLine[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file} 第 ${i + 1} 行`;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${where}不是合法的 JSON`);
    }
    const severity = Number(row.severity);
    if (typeof row.id !== 'string') throw new Error(`${where}：缺少 id`);
    if (!SENTIMENTS.includes(row.label as (typeof SENTIMENTS)[number])) throw new Error(`${where}：label 应为 negative、neutral 或 positive`);
    if (!Number.isInteger(severity) || severity < 0 || severity > 3) throw new Error(`${where}：severity 应为 0 到 3 的整数`);
    if (!(TOPICS as readonly string[]).includes(row.topic as string)) throw new Error(`${where}：topic 不是已知的主题 id（${String(row.topic)}）`);
    out.push({ id: row.id, label: row.label as string, severity, topic: row.topic as string });
  });
  return out;
}

/** Cohen's kappa of two raters over the same items (nominal categories). */
export function cohensKappa<T>(a: T[], b: T[]): number {
  const n = a.length;
  if (!n) return 0;
  const observed = a.filter((x, i) => x === b[i]).length / n;
  const cats = new Set([...a, ...b]);
  let expected = 0;
  for (const c of cats) expected += (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n);
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}

export interface Merged {
  id: string;
  label: string;
  severity: number;
  topic: string;
  /** Which fields the two passes agreed on. */
  agreed: { label: boolean; severity: boolean; topic: boolean };
  settled: 'agreed' | 'adjudicated' | 'unsettled';
}

export function mergePasses(p1: PassLine[], p2: PassLine[], adjudicated: Map<string, Fields>, order?: string[]) {
  const second = new Map(p2.map((l) => [l.id, l]));
  const both = p1.filter((l) => second.has(l.id));
  const rank = new Map((order ?? []).map((id, i) => [id, i]));
  both.sort((x, y) => (rank.get(x.id) ?? 1e9) - (rank.get(y.id) ?? 1e9));
  const merged: Merged[] = both.map((a) => {
    const b = second.get(a.id)!;
    const agreed = { label: a.label === b.label, severity: a.severity === b.severity, topic: a.topic === b.topic };
    if (agreed.label && agreed.severity && agreed.topic)
      return { id: a.id, label: a.label, severity: a.severity, topic: a.topic, agreed, settled: 'agreed' as const };
    const d = adjudicated.get(a.id);
    if (d) return { id: a.id, ...d, agreed, settled: 'adjudicated' as const };
    return { id: a.id, label: a.label, severity: a.severity, topic: a.topic, agreed, settled: 'unsettled' as const };
  });
  const pairs = both.map((a) => [a, second.get(a.id)!] as const);
  const kappa = {
    label: cohensKappa(
      pairs.map(([a]) => a.label),
      pairs.map(([, b]) => b.label),
    ),
    severity: cohensKappa(
      pairs.map(([a]) => a.severity),
      pairs.map(([, b]) => b.severity),
    ),
    // Severity ≥2 as a yes/no (what the alert floors use) and topic on all items.
    severity2: cohensKappa(
      pairs.map(([a]) => a.severity >= 2),
      pairs.map(([, b]) => b.severity >= 2),
    ),
    topic: cohensKappa(
      pairs.map(([a]) => a.topic),
      pairs.map(([, b]) => b.topic),
    ),
  };
  const share = (k: 'label' | 'severity' | 'topic') => merged.filter((m) => m.agreed[k]).length / (merged.length || 1);
  return { merged, kappa, observed: { label: share('label'), severity: share('severity'), topic: share('topic') } };
}

function readAdjudication(file: string): Map<string, Fields> {
  const out = new Map<string, Fields>();
  if (!existsSync(file)) return out;
  for (const l of parsePass(readFileSync(file, 'utf8'), file)) out.set(l.id, { label: l.label, severity: l.severity, topic: l.topic });
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({
    options: {
      pass1: { type: 'string', default: '/work/labels/pass1.jsonl' },
      pass2: { type: 'string', default: '/work/labels/pass2.jsonl' },
      candidates: { type: 'string' },
      show: { type: 'boolean', default: false },
      'allow-unsettled': { type: 'boolean', default: false },
    },
  });
  const p1 = parsePass(readFileSync(values.pass1!, 'utf8'), values.pass1!);
  const p2 = parsePass(readFileSync(values.pass2!, 'utf8'), values.pass2!);
  const order = values.candidates ? (JSON.parse(readFileSync(values.candidates, 'utf8')) as string[]) : undefined;
  const { merged, kappa, observed } = mergePasses(p1, p2, readAdjudication(ADJUDICATION_FILE), order);
  const unsettled = merged.filter((m) => m.settled === 'unsettled');
  if (values.show) {
    // For the adjudicator's eyes only: never written to a file in the repository.
    const texts = readPoolTexts(join(sharedDataDir(process.env), POOL_FILE_NAME), new Set(unsettled.map((m) => m.id)));
    const p2ById = new Map(p2.map((l) => [l.id, l]));
    const p1ById = new Map(p1.map((l) => [l.id, l]));
    for (const m of unsettled) {
      const a = p1ById.get(m.id)!;
      const b = p2ById.get(m.id)!;
      console.log(`${m.id} | 1: ${a.label} ${a.severity} ${a.topic} | 2: ${b.label} ${b.severity} ${b.topic}\n${texts.get(m.id)?.replace(/\n/g, ' / ')}\n`);
    }
    process.exit(0);
  }
  console.log(
    `两遍都标了 ${merged.length} 条；一致 ${merged.filter((m) => m.settled === 'agreed').length}，裁定 ${merged.filter((m) => m.settled === 'adjudicated').length}，未裁定 ${unsettled.length}`,
  );
  console.log(
    `Cohen's kappa：情感 ${kappa.label.toFixed(3)}，严重度 ${kappa.severity.toFixed(3)}（≥2 与否 ${kappa.severity2.toFixed(3)}），主题 ${kappa.topic.toFixed(3)}`,
  );
  console.log(
    `一致比例：情感 ${(observed.label * 100).toFixed(1)}%，严重度 ${(observed.severity * 100).toFixed(1)}%，主题 ${(observed.topic * 100).toFixed(1)}%`,
  );
  if (unsettled.length && !values['allow-unsettled']) {
    console.error(`还有 ${unsettled.length} 条分歧没有裁定（--show 查看），不写文件`);
    process.exit(1);
  }
  const settled = merged.filter((m) => m.settled !== 'unsettled');
  writeFileSync(
    REAL_LABELS_FILE,
    settled
      .map((m) =>
        JSON.stringify({ id: m.id, label: m.label, severity: m.severity, topic: m.topic, split: splitOf(m.id), agreed: m.agreed, settled: m.settled }),
      )
      .join('\n') + '\n',
  );
  const counts = (k: 'label' | 'topic' | 'severity') =>
    Object.fromEntries([...new Set(settled.map((m) => String(m[k])))].sort().map((v) => [v, settled.filter((m) => String(m[k]) === v).length]));
  writeFileSync(
    AGREEMENT_FILE,
    JSON.stringify(
      {
        labelledByBoth: merged.length,
        agreedOnAll: merged.filter((m) => m.settled === 'agreed').length,
        adjudicated: merged.filter((m) => m.settled === 'adjudicated').length,
        leftOut: unsettled.length,
        kappa: Object.fromEntries(Object.entries(kappa).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
        observedAgreement: Object.fromEntries(Object.entries(observed).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
        split: { dev: settled.filter((m) => splitOf(m.id) === 'dev').length, test: settled.filter((m) => splitOf(m.id) === 'test').length },
        label: counts('label'),
        severity: counts('severity'),
        topic: counts('topic'),
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`写入 ${REAL_LABELS_FILE}（${settled.length} 条）和 ${AGREEMENT_FILE}`);
}
