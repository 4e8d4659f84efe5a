// Loads what 居民在问 and the 明白纸 list need from the store: the last 30 days of scored posts
// (paged, bounded), grouped by publicity/questions.ts.
import type { Store } from '../../store/index.ts';
import { groupQuestions, type MatterGroup, type QuestionPost } from '../../publicity/questions.ts';
import { summarizeSource } from '../../publicity/summary.ts';

/** At most this many posts are read for the board; a busy month is sampled newest-last by id. */
const MAX_POSTS = 50_000;

export async function recentQuestionPosts(store: Store, now: Date, days = 30): Promise<QuestionPost[]> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const out: QuestionPost[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.posts.list({ since, afterId, limit: 1000 });
    if (!page.length) break;
    const scores = await store.scores.getMany(page.map((p) => p.id));
    for (const p of page) {
      const s = scores.get(p.id);
      if (s) out.push({ id: p.id, title: p.title, body: p.body, url: p.url, at: p.publishedAt ?? p.fetchedAt, topic: s.topic, sentiment: s.sentiment });
    }
    afterId = page.at(-1)!.id;
    if (out.length >= MAX_POSTS || page.length < 1000) break;
  }
  return out;
}

/** Groups of questions by matter, each linked to the explainers (current texts) on its topic. */
export async function questionGroups(store: Store, now: Date): Promise<MatterGroup[]> {
  const explainers = await Promise.all(
    (await store.explainers.list()).map(async (r) => {
      const v = (await store.explainers.versions(r.id)).find((x) => x.number === (r.publishedVersion ?? r.currentVersion));
      return { id: r.id, topic: v ? summarizeSource(v.source).topic : null };
    }),
  );
  return groupQuestions(await recentQuestionPosts(store, now), explainers, now);
}
