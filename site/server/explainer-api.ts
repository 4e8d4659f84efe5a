// Shared bits of the /api/explainers routes and console pages: who may act, and body parsing.
import type { Role } from '../../store/types.ts';
import type { WorkflowAction } from '../../publicity/workflow.ts';
import { canWriteExplainers } from '../../publicity/workflow.ts';
import { fromLocalTime } from '../../shared/time.ts';

/** Publicity staff and administrators only; duty officers see no 明白纸 workspace. */
export function explainerActor(user: { name: string; role: Role } | undefined): { name: string; role: Role } | null {
  return user && canWriteExplainers(user.role) ? { name: user.name, role: user.role } : null;
}

/** A workflow action from a JSON body or form fields; null when it names no known action. */
export function parseAction(input: Record<string, unknown>): WorkflowAction | null {
  const s = (k: string) => (typeof input[k] === 'string' ? (input[k] as string) : '');
  switch (s('action')) {
    case 'save':
      return { type: 'save', source: s('source').replace(/\r\n/g, '\n'), note: s('note') || null };
    case 'submit':
      return { type: 'submit' };
    case 'reject':
      return { type: 'reject', note: s('note') };
    case 'approve':
      return { type: 'approve' };
    case 'publish': {
      // <input type="datetime-local"> gives the region's wall time without a zone.
      const at = s('at');
      const wall = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(at);
      if (wall) {
        const [y, mo, d, h, mi] = wall.slice(1).map(Number) as [number, number, number, number, number];
        return { type: 'publish', at: fromLocalTime(y, mo, d, h, mi).toISOString() };
      }
      return { type: 'publish', at: at || null };
    }
    case 'unpublish':
      return { type: 'unpublish' };
    case 'rollback': {
      const to = Number(input.to);
      return Number.isInteger(to) && to > 0 ? { type: 'rollback', to } : null;
    }
    default:
      return null;
  }
}
