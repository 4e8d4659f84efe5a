// The JSON shape of an alert that other tools build on: `minsheng alerts --json` and the console's
// GET /api/alerts emit exactly these fields (the API adds its own beside them).
import type { Alert } from '../../store/types.ts';
import { alertReasonText } from './reasons.ts';

export function alertToJson(a: Alert, urls: Map<string, string>) {
  return {
    id: a.id,
    level: a.level,
    status: a.status,
    title: a.title,
    postCount: a.postIds.length,
    posts: a.postIds.map((id) => ({ id, url: urls.get(id) ?? null })),
    sources: a.sources,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    /** In words, as the console shows them. */
    reasons: a.reasons.map(alertReasonText),
    /** The same reasons as data (analysis/alerts/reasons.ts), so tools never parse the words; older alerts' sentences come as `text`. */
    reasonData: a.reasons,
  };
}
