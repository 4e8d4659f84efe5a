// The order posts are grouped in. Single linkage with group-level vetoes is order-dependent: in
// cluster.ts two groups that name different things never join, and in events.ts a post naming two
// incidents never glues two grown events — so which pair comes up first decides the groups. The
// store lists posts by id, a hash of the URL (another host or port, another order), and a crawl
// stores them as they arrive; grouping in an order that depends only on the posts themselves —
// time, then text, then id — gives a duty officer the same alerts for the same posts.

export interface Orderable {
  id: string;
  /** Milliseconds since epoch (published, else fetched). */
  at: number;
  title: string;
  body: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Earlier first; posts of the same moment by title, then body; the id only between identical posts. */
export function byPost(a: Orderable, b: Orderable): number {
  return a.at - b.at || compare(a.title, b.title) || compare(a.body, b.body) || compare(a.id, b.id);
}

/** The indices of `docs` in canonical order (so features computed in input order can follow). */
export function canonicalOrder(docs: readonly Orderable[]): number[] {
  return docs.map((_, i) => i).sort((i, j) => byPost(docs[i]!, docs[j]!));
}
