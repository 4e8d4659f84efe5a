// POST /api/feedback { "page": "/explainers/…/", "useful": true|false, "note"?: "…" } — residents'
// “这页对您有用吗？”. No login and nothing personal kept: no address, no cookie; the note is masked
// like crawled posts. Only this site's pages may send it (Origin), a JSON body (so another site
// cannot post it from a plain form), and a few answers per address per ten minutes.
import { readdirSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { CALCULATOR_LIST } from '../../../policy/calculators.ts';
import { FeedbackLimiter, parseFeedback } from '../../../publicity/feedback.ts';
import { explainersDir } from '../../lib/content-dir.ts';
import { validIp } from '../../server/client-ip.ts';
import { expectedOrigins, originAllowed } from '../../server/csrf.ts';
import { json } from '../../server/respond.ts';
import { getStore } from '../../server/store.ts';

export const prerender = false;

const LIMITER = Symbol.for('minsheng.feedbackLimiter');
const limiter = () => ((globalThis as unknown as Record<symbol, FeedbackLimiter>)[LIMITER] ??= new FeedbackLimiter());

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
const reply = (data: unknown, status = 200) => json(data, status, HEADERS);

/** The pages that exist right now: the published explainers and every calculator. */
function knownPages(): Set<string> {
  let files: string[] = [];
  try {
    files = readdirSync(explainersDir()).filter((f) => f.endsWith('.md'));
  } catch {
    files = [];
  }
  return new Set([...files.map((f) => `/explainers/${f.slice(0, -3)}/`), ...CALCULATOR_LIST.map((c) => `/calculators/${c.id}/`)]);
}

export const POST: APIRoute = async ({ request, clientAddress }) => {
  if (!originAllowed(request.headers, expectedOrigins(request))) return reply({ error: '请从本站页面提交' }, 403);
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) return reply({ error: '请求格式不对' }, 415);
  let address: string | null = null;
  try {
    address = clientAddress;
  } catch {
    address = null;
  }
  // The server (start.ts) has already settled the address from the socket or a trusted proxy.
  const ip = validIp(address) ?? 'unknown';
  if (!limiter().allow(ip, Date.now())) return reply({ error: '提交太频繁了，请过几分钟再试' }, 429);
  const text = await request.text();
  if (text.length > 4000) return reply({ error: '内容太长' }, 413);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return reply({ error: '请求格式不对' }, 400);
  }
  const parsed = parseFeedback(body, knownPages());
  if (!parsed.ok) return reply({ error: parsed.error }, 422);
  await getStore().feedback.add({ ...parsed.value, at: new Date().toISOString() });
  return reply({ ok: true, message: '谢谢您的反馈！' }, 201);
};
