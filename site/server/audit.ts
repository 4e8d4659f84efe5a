// Every console action lands in the audit log with who, what, on what, and from where.
import type { Store } from '../../store/index.ts';

export interface AuditContext {
  store: Store;
  actor: string | null;
  ip: string | null;
}

export async function audit(ctx: AuditContext, action: string, target: string | null, detail: string | null = null): Promise<void> {
  await ctx.store.audit.record({ at: new Date().toISOString(), actor: ctx.actor, action, target, detail, ip: ctx.ip });
}
