// POST /api/explainers/wordings/:alertId — 回应口径 for an alert: { "action": "save", "text" } adds
// a version, { "action": "approve", "number" } approves the newest (never by its author). Form
// posts from the alert page come back to it; JSON callers get JSON. Every step is audited.
import type { APIRoute } from 'astro';
import { checkWordingApprove, checkWordingSave } from '../../../../../publicity/alert-help.ts';
import { audit } from '../../../../server/audit.ts';
import { explainerActor } from '../../../../server/explainer-api.ts';
import { apiError, json, redirect } from '../../../../server/respond.ts';
import { getStore } from '../../../../server/store.ts';

export const prerender = false;

export const POST: APIRoute = async ({ locals, params, request }) => {
  const store = locals.store ?? getStore();
  const alertId = params.alertId ?? '';
  const isForm = !(request.headers.get('content-type') ?? '').includes('application/json');
  const input: Record<string, unknown> = isForm
    ? Object.fromEntries([...((await request.formData().catch(() => null))?.entries() ?? [])])
    : (((await request.json().catch(() => null)) as Record<string, unknown> | null) ?? {});
  const back = (q: string) => redirect(`/console/alerts/${encodeURIComponent(alertId)}?${q}#wording-h`);
  const fail = async (status: number, error: string) => (isForm ? back(`wordingError=${encodeURIComponent(error)}`) : apiError(status, error));

  const user = locals.user!;
  const actor = explainerActor(user);
  if (!actor) {
    await audit({ store, actor: user.name, ip: locals.ip ?? null }, 'alert.wording.denied', alertId, '角色无权写回应口径');
    return fail(403, '只有宣传人员和管理员可以写回应口径');
  }
  if (!(await store.alerts.get(alertId))) return fail(404, '没有这个预警');
  const versions = await store.wordings.list(alertId);
  const ctx = { store, actor: actor.name, ip: locals.ip ?? null };
  const now = new Date().toISOString();
  if (input.action === 'save') {
    const text = typeof input.text === 'string' ? input.text.replace(/\r\n/g, '\n').trim() : '';
    const check = checkWordingSave(actor.role, text, versions);
    if (!check.ok) return fail(check.status, check.error);
    const v = await store.wordings.add({ alertId, text, author: actor.name, createdAt: now });
    await audit(ctx, 'alert.wording.save', alertId, `回应口径第 ${v.number} 版`);
    return isForm ? back('wording=saved') : json({ wording: v }, 201);
  }
  if (input.action === 'approve') {
    const number = Number(input.number);
    const check = checkWordingApprove(actor, number, versions);
    if (!check.ok) {
      if (check.status === 403) await audit(ctx, 'alert.wording.denied', alertId, check.error);
      return fail(check.status, check.error);
    }
    await store.wordings.approve(alertId, number, actor.name, now);
    await audit(ctx, 'alert.wording.approve', alertId, `回应口径第 ${number} 版审核通过`);
    return isForm ? back('wording=approved') : json({ ok: true });
  }
  return fail(422, '未知的操作');
};
