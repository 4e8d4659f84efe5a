// What publicity offers an alert: the 明白纸 and calculators that answer its matter, and the
// 回应口径 (approved response wording) — written by one person, approved by another, every
// version kept.
import type { Role } from '../store/types.ts';
import type { AlertWording } from '../store/publicity.ts';
import { MATTER_TOPICS } from './questions.ts';
import { canWriteExplainers } from './workflow.ts';

export interface ExplainerInfo {
  id: string;
  title: string;
  topic: string | null;
  calculators: string[];
}

/** Explainers on the alert's topics (most posts first), and the calculators they cite. */
export function suggestForAlert(postTopics: string[], explainers: ExplainerInfo[]): { explainers: ExplainerInfo[]; calculators: string[] } {
  const counts = new Map<string, number>();
  for (const t of postTopics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  const out: ExplainerInfo[] = [];
  for (const topic of ranked) {
    const wanted = MATTER_TOPICS[topic] ?? [topic];
    for (const e of explainers) if (e.topic && wanted.includes(e.topic) && !out.includes(e)) out.push(e);
  }
  return { explainers: out, calculators: [...new Set(out.flatMap((e) => e.calculators))] };
}

export const WORDING_MAX = 1000;

export type WordingDecision = { ok: true } | { ok: false; status: 403 | 409 | 422; error: string };

export function checkWordingSave(role: Role, text: string, versions: AlertWording[]): WordingDecision {
  if (!canWriteExplainers(role)) return { ok: false, status: 403, error: '只有宣传人员和管理员可以写回应口径' };
  const t = text.trim();
  if (!t) return { ok: false, status: 422, error: '口径是空的' };
  if ([...t].length > WORDING_MAX) return { ok: false, status: 422, error: `口径不超过 ${WORDING_MAX} 个字` };
  if (versions.at(-1)?.text === t) return { ok: false, status: 409, error: '和上一版一样，没有改动' };
  return { ok: true };
}

export function checkWordingApprove(actor: { name: string; role: Role }, number: number, versions: AlertWording[]): WordingDecision {
  if (!canWriteExplainers(actor.role)) return { ok: false, status: 403, error: '只有宣传人员和管理员可以审核回应口径' };
  const v = versions.find((x) => x.number === number);
  if (!v) return { ok: false, status: 422, error: `没有第 ${number} 版口径` };
  if (v.approvedBy) return { ok: false, status: 409, error: `第 ${number} 版已经审核过了` };
  if (v !== versions.at(-1)) return { ok: false, status: 409, error: '只能审核最新一版' };
  if (v.author === actor.name) return { ok: false, status: 403, error: '不能审核自己写的口径，请另一位宣传人员或管理员审核' };
  return { ok: true };
}

/** The wording in force: the newest approved version. */
export const approvedWording = (versions: AlertWording[]) => [...versions].reverse().find((v) => v.approvedBy) ?? null;
