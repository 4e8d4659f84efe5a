// The JSON shape of an alert that other tools build on: `minsheng alerts --json` and the console's
// GET /api/alerts emit exactly these fields (the API adds its own beside them).
import type { Alert } from '../../store/types.ts';

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
    reasons: a.reasons,
  };
}
