// The one JSON shape of an alert. Every program-facing output uses it unchanged: `minsheng alerts
// --json`, the console's /api/alerts routes and the generic webhook. A consumer that needs more wraps
// it ({ alert, clock } in the API, { type, change, alert, link } in the webhook) instead of reshaping
// it, so a tool written against one output reads the others. Documented in analysis/README.md.
import { z } from 'zod';
import type { Alert } from '../../store/types.ts';
import { ALERT_LEVELS, ALERT_STATUSES, STATUS_LABEL } from '../../shared/vocabulary.ts';
import { LEVEL_NAMES } from './labels.ts';
import { alertReasonText, type AlertReason } from './reasons.ts';

/** Post id → its original address; posts without one get `url: null`. */
export type PostUrls = ReadonlyMap<string, string>;

const instant = z.string().describe('ISO 8601, UTC');

// Strict: a field added to alertToJson without being documented here fails the contract test.
export const alertJsonSchema = z.strictObject({
  id: z.string(),
  level: z.enum(ALERT_LEVELS),
  /** 橙色（重大）: the level as notifications word it. */
  levelName: z.string(),
  status: z.enum(ALERT_STATUSES),
  /** 已确认: the status as the console words it. */
  statusName: z.string(),
  title: z.string(),
  /** The duty officer it is assigned to, or null. */
  assignee: z.string().nullable(),
  postCount: z.number().int().nonnegative(),
  posts: z.array(z.object({ id: z.string(), url: z.string().nullable() })),
  /** @deprecated The same ids as `posts[].id`; kept one release for webhook receivers written against the old body. */
  postIds: z.array(z.string()),
  sources: z.array(z.string()),
  firstSeen: instant,
  lastSeen: instant,
  createdAt: instant,
  updatedAt: instant,
  /** In words, as the console shows them. */
  reasons: z.array(z.string()),
  /** The same reasons as data (analysis/alerts/reasons.ts), so tools never parse the words; older alerts' sentences come as `{kind:'text'}`. */
  reasonData: z.array(z.custom<AlertReason>((v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string')),
});

export type AlertJson = z.infer<typeof alertJsonSchema>;

export function alertToJson(a: Alert, urls: PostUrls): AlertJson {
  return {
    id: a.id,
    level: a.level,
    levelName: LEVEL_NAMES[a.level],
    status: a.status,
    statusName: STATUS_LABEL[a.status],
    title: a.title,
    assignee: a.assignee,
    postCount: a.postIds.length,
    posts: a.postIds.map((id) => ({ id, url: urls.get(id) ?? null })),
    postIds: [...a.postIds],
    sources: a.sources,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    reasons: a.reasons.map(alertReasonText),
    reasonData: a.reasons,
  };
}
