// Merges two independent labelling passes over the real candidates into labels.jsonl (ids and labels
// only, never texts), with per-item agreement and Cohen's kappa per field. Disagreements are settled by
// the adjudicator's file (adjudication.jsonl: {"id","label","severity","topic"} chosen after reading the
// message); a disagreement without a decision stops the merge unless --allow-unsettled is given.
//
//   node bin/run-ts.mjs analysis/corpus/real/merge.ts --pass1 P1.jsonl --pass2 P2.jsonl [--candidates C.json]
//   node bin/run-ts.mjs analysis/corpus/real/merge.ts ... --show   # print the unsettled disagreements with texts (terminal only)
//   node bin/run-ts.mjs analysis/corpus/real/merge.ts --pass1 B2-1.jsonl --pass2 B2-2.jsonl --out analysis/corpus/real/labels-2.jsonl
//     a later batch (labels-N.jsonl; which batch is the test set is decided in real-set.ts): its decisions
//     are read from adjudication-N.jsonl and its agreement written to agreement-N.json, beside --out (override
//     with --adjudication / --agreement); it is not written if it repeats an id of any other batch.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPICS } from '../../topic.ts';
import { jsonlRows } from '../../../shared/jsonl.ts';
import { readRealTexts, readRealLabels, REAL_BATCH_FILES, REAL_LABELS_FILE, REAL_SET_DIR, sharedDataDir } from './real-set.ts';

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
type Fields = { label: string; severity: number; topic: string };
export interface PassLine extends Fields {
  id: string;
}

export const ADJUDICATION_FILE = join(REAL_SET_DIR, 'adjudication.jsonl');
export const AGREEMENT_FILE = join(REAL_SET_DIR, 'agreement.json');

export function parsePass(content: string, file: string): PassLine[] {
  return jsonlRows(content, file).map(({ row, where }) => {
    const severity = Number(row.severity);
    if (typeof row.id !== 'string') throw new Error(`${where}：缺少 id`);
    if (!SENTIMENTS.includes(row.label as (typeof SENTIMENTS)[number])) throw new Error(`${where}：label 应为 negative、neutral 或 positive`);
    if (!Number.isInteger(severity) || severity < 0 || severity > 3) throw new Error(`${where}：severity 应为 0 到 3 的整数`);
    if (!(TOPICS as readonly string[]).includes(row.topic as string)) throw new Error(`${where}：topic 不是已知的主题 id（${String(row.topic)}）`);
    return { id: row.id, label: row.label as string, severity, topic: row.topic as string };
  });
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

/** The adjudication and agreement files that go with a labels file: labels-2.jsonl → adjudication-2.jsonl, agreement-2.json. */
export function companionFiles(out: string): { adjudication: string; agreement: string } {
  const suffix = basename(out).match(/^labels(.*)\.jsonl$/)?.[1] ?? `-${basename(out).replace(/\.jsonl$/, '')}`;
  return { adjudication: join(dirname(out), `adjudication${suffix}.jsonl`), agreement: join(dirname(out), `agreement${suffix}.json`) };
}

export interface MergeFiles {
  pass1: string;
  pass2: string;
  candidates?: string;
  /** Where the merged labels go (labels.jsonl for batch 1, labels-2.jsonl and labels-3.jsonl for batches 2–3, labels-4.jsonl for the test batch). */
  out: string;
  adjudication: string;
  agreement: string;
  allowUnsettled: boolean;
  /** Labels files whose ids must not appear in this batch (the test batch is refused if it repeats a dev id). */
  disjointFrom?: string[];
}

export type MergeOutcome =
  | { written: true; merged: Merged[]; kappa: ReturnType<typeof mergePasses>['kappa']; observed: ReturnType<typeof mergePasses>['observed']; settled: number }
  | { written: false; reason: string; merged: Merged[]; kappa: ReturnType<typeof mergePasses>['kappa']; observed: ReturnType<typeof mergePasses>['observed'] };

/** The batches' label files a batch written to `out` must share no id with (every batch but itself). */
export function otherBatchFiles(out: string): string[] {
  return REAL_BATCH_FILES.filter((f) => resolve(f) !== resolve(out));
}

/** Merges two passes and writes the labels and agreement files, unless a disagreement is unsettled or an id repeats. */
export function mergeToFiles(f: MergeFiles): MergeOutcome {
  const p1 = parsePass(readFileSync(f.pass1, 'utf8'), f.pass1);
  const p2 = parsePass(readFileSync(f.pass2, 'utf8'), f.pass2);
  const order = f.candidates ? (JSON.parse(readFileSync(f.candidates, 'utf8')) as string[]) : undefined;
  const { merged, kappa, observed } = mergePasses(p1, p2, readAdjudication(f.adjudication), order);
  const unsettled = merged.filter((m) => m.settled === 'unsettled');
  if (unsettled.length && !f.allowUnsettled) {
    return { written: false, reason: `还有 ${unsettled.length} 条分歧没有裁定（--show 查看），不写文件`, merged, kappa, observed };
  }
  for (const other of f.disjointFrom ?? []) {
    const ids = new Set(readRealLabels(other).map((l) => l.id));
    const repeated = merged.filter((m) => ids.has(m.id)).map((m) => m.id);
    if (repeated.length) {
      return { written: false, reason: `${repeated.length} 个 id 已在 ${other} 里（${repeated.slice(0, 5).join('、')}…），不写文件`, merged, kappa, observed };
    }
  }
  const settled = merged.filter((m) => m.settled !== 'unsettled');
  writeFileSync(
    f.out,
    settled.map((m) => JSON.stringify({ id: m.id, label: m.label, severity: m.severity, topic: m.topic, agreed: m.agreed, settled: m.settled })).join('\n') +
      '\n',
  );
  const counts = (k: 'label' | 'topic' | 'severity') =>
    Object.fromEntries([...new Set(settled.map((m) => String(m[k])))].sort().map((v) => [v, settled.filter((m) => String(m[k]) === v).length]));
  writeFileSync(
    f.agreement,
    JSON.stringify(
      {
        labelledByBoth: merged.length,
        agreedOnAll: merged.filter((m) => m.settled === 'agreed').length,
        adjudicated: merged.filter((m) => m.settled === 'adjudicated').length,
        leftOut: unsettled.length,
        kappa: Object.fromEntries(Object.entries(kappa).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
        observedAgreement: Object.fromEntries(Object.entries(observed).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
        label: counts('label'),
        severity: counts('severity'),
        topic: counts('topic'),
      },
      null,
      2,
    ) + '\n',
  );
  return { written: true, merged, kappa, observed, settled: settled.length };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({
    options: {
      pass1: { type: 'string', default: '/work/labels/pass1.jsonl' },
      pass2: { type: 'string', default: '/work/labels/pass2.jsonl' },
      candidates: { type: 'string' },
      out: { type: 'string', default: REAL_LABELS_FILE },
      adjudication: { type: 'string' },
      agreement: { type: 'string' },
      show: { type: 'boolean', default: false },
      'allow-unsettled': { type: 'boolean', default: false },
    },
  });
  const out = values.out!;
  const companions = companionFiles(out);
  const adjudication = values.adjudication ?? companions.adjudication;
  if (values.show) {
    const p1 = parsePass(readFileSync(values.pass1!, 'utf8'), values.pass1!);
    const p2 = parsePass(readFileSync(values.pass2!, 'utf8'), values.pass2!);
    const unsettled = mergePasses(p1, p2, readAdjudication(adjudication)).merged.filter((m) => m.settled === 'unsettled');
    // For the adjudicator's eyes only: never written to a file in the repository.
    const texts = readRealTexts(sharedDataDir(process.env), new Set(unsettled.map((m) => m.id)));
    const p2ById = new Map(p2.map((l) => [l.id, l]));
    const p1ById = new Map(p1.map((l) => [l.id, l]));
    for (const m of unsettled) {
      const a = p1ById.get(m.id)!;
      const b = p2ById.get(m.id)!;
      console.log(`${m.id} | 1: ${a.label} ${a.severity} ${a.topic} | 2: ${b.label} ${b.severity} ${b.topic}\n${texts.get(m.id)?.replace(/\n/g, ' / ')}\n`);
    }
    process.exit(0);
  }
  const result = mergeToFiles({
    pass1: values.pass1!,
    pass2: values.pass2!,
    candidates: values.candidates,
    out,
    adjudication,
    agreement: values.agreement ?? companions.agreement,
    allowUnsettled: values['allow-unsettled']!,
    // A batch must not repeat an id of the development batches (1–3); batch 4, the test set, needs all three.
    disjointFrom: otherBatchFiles(out),
  });
  const { merged, kappa, observed } = result;
  console.log(
    `两遍都标了 ${merged.length} 条；一致 ${merged.filter((m) => m.settled === 'agreed').length}，裁定 ${merged.filter((m) => m.settled === 'adjudicated').length}，未裁定 ${merged.filter((m) => m.settled === 'unsettled').length}`,
  );
  console.log(
    `Cohen's kappa：情感 ${kappa.label.toFixed(3)}，严重度 ${kappa.severity.toFixed(3)}（≥2 与否 ${kappa.severity2.toFixed(3)}），主题 ${kappa.topic.toFixed(3)}`,
  );
  console.log(
    `一致比例：情感 ${(observed.label * 100).toFixed(1)}%，严重度 ${(observed.severity * 100).toFixed(1)}%，主题 ${(observed.topic * 100).toFixed(1)}%`,
  );
  if (!result.written) {
    console.error(result.reason);
    process.exit(1);
  }
  console.log(`写入 ${out}（${result.settled} 条）和 ${values.agreement ?? companions.agreement}`);
}
