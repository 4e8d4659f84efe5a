// Raising an alert over the store: read the stored alert, let the pure merge rule decide
// (merge.ts), and ask the store to write that decision with compare-and-set. When another run (or a
// duty officer) changed the alert in between, the store writes nothing and we read and decide again,
// so two runs raising the same incident at once end in one alert holding both runs' posts.
import type { Store } from '../../store/store.ts';
import type { Alert, AlertInput } from '../../store/types.ts';
import { mergeAlert, type MergeChange } from './merge.ts';

/** Enough for any real contention (a handful of processes); more means something is wrong. */
const ATTEMPTS = 20;

/**
 * Raises `input` as a new alert or merges it into the stored one: `alertId` when analysis matched
 * the incident to it (merge.ts matchAlert), else the latest with the same rule key.
 */
export async function raiseAlert(store: Store, input: AlertInput, at: string, alertId?: string): Promise<{ alert: Alert; change: MergeChange }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = alertId ? await store.alerts.get(alertId) : await store.alerts.findByRuleKey(input.ruleKey);
    if (alertId && !current) throw new Error(`预警 ${alertId} 不存在`);
    const decision = mergeAlert(current, input, at);
    if (decision.change === 'unchanged') return { alert: current!, change: 'unchanged' };
    const saved = await store.alerts.save({ next: decision.next, events: decision.events }, current, at);
    if (saved) return { alert: saved, change: decision.change };
  }
  throw new Error(`预警「${input.title}」被反复同时修改，${ATTEMPTS} 次都没能写入`);
}
