// When a rebuild of the residents' site may start, and when a running one counts as dead. The
// store keeps one slot naming the job that may rebuild; these rules decide from what it holds.
import type { PublishJob, PublishStep } from '../store/publicity.ts';

export type { PublishJob, PublishStep };

/** A running job records a heartbeat this often (the build runs in a child process, so the server stays free to). */
export const PUBLISH_HEARTBEAT_MS = 15_000;

/**
 * A job whose heartbeat is older than this died with its process (killed, restarted). Eight missed
 * heartbeats: a busy machine delays a timer by seconds, never by two minutes.
 */
export const PUBLISH_JOB_TTL_MS = 120_000;

export const EXPIRED_ERROR = '这次发布没有做完：处理它的服务器进程中断了（被关闭或重启）。请回到这张明白纸重新发布。';

export const isFinished = (step: PublishStep) => step === 'done' || step === 'failed';

/** Running, but its process stopped beating. */
export function jobExpired(job: Pick<PublishJob, 'step' | 'heartbeatAt'>, now: Date): boolean {
  return !isFinished(job.step) && now.getTime() - Date.parse(job.heartbeatAt) > PUBLISH_JOB_TTL_MS;
}

export type SlotDecision = { free: true; replacing: number | null } | { free: false; running: PublishJob };

/** Whether a new rebuild may take the slot from its current holder. */
export function slotDecision(holder: PublishJob | null, now: Date): SlotDecision {
  if (!holder || isFinished(holder.step)) return { free: true, replacing: holder?.id ?? null };
  if (jobExpired(holder, now)) return { free: true, replacing: holder.id };
  return { free: false, running: holder };
}

/** How a job is shown: one left running by a dead process is shown as the failure it is. */
export function jobView(job: PublishJob, now: Date): PublishJob {
  return jobExpired(job, now) ? { ...job, step: 'failed', errors: [EXPIRED_ERROR] } : job;
}

/** The Chinese refusal when another rebuild holds the slot. */
export const busyMessage = (running: PublishJob) => `另一次发布正在进行（${running.explainerId}：${running.what}），请等它完成后再发布`;
