// Near-duplicate clustering as a pure function: documents in, cluster id per document out.
// Candidates come from three cheap lookups (exact fingerprint, MinHash LSH bands, shared key
// terms); a candidate pair within the time window is linked when it is an exact copy, a surface
// near-duplicate, or shares enough weighted key terms. Linked posts form one cluster
// (union–find, i.e. single linkage: a post joins when it matches any member).
import {
  contentWords,
  exactFingerprint,
  keyTermSimilarity,
  sharedTermWeight,
  keyTerms,
  lshBands,
  minhash,
  minhashSimilarity,
  newTermWeights,
  normaliseText,
  properWords,
  regionPlaceNames,
  shingles,
  type TermWeights,
} from './features.ts';
import { loadRegion, type Region } from '../../config/region.ts';
import { DEFAULT_EVENT_CONFIG, nameKeys, namePairsOf, regionNamePairs } from './events.ts';
import { OTHER_TOPIC } from '../topic.ts';
import { UnionFind } from './union-find.ts';
import { canonicalOrder } from './order.ts';
import { memoFor } from '../text-memo.ts';

export interface DedupeConfig {
  /** Posts further apart than this are never linked (an incident is reported within days). */
  windowDays: number;
  /** Character n-gram size for surface similarity. */
  shingleSize: number;
  numPerm: number;
  /** Rows per LSH band: 4 rows × 32 bands finds pairs from about Jaccard 0.4 up. */
  rowsPerBand: number;
  /** Estimated character-shingle Jaccard at or above which two posts are copies of each other. */
  nearThreshold: number;
  /**
   * Two posts report the same incident when the key terms they share weigh at least
   * `sharedWeightThreshold` (about three rare naming words: a site, a company, a township) and
   * make up at least `keyTermThreshold` of their key terms' weight (weighted Jaccard).
   */
  sharedWeightThreshold: number;
  keyTermThreshold: number;
  /** Words weighing less than this (general + domain IDF) are not key terms. */
  minTermWeight: number;
  /** Key terms held by more than this many posts in the window do not generate candidates. */
  maxPosting: number;
}

/** Chosen by measurement on the labelled pairs (analysis/dedupe/README.md). */
export const DEFAULT_DEDUPE_CONFIG: DedupeConfig = {
  windowDays: 14,
  shingleSize: 3,
  numPerm: 128,
  rowsPerBand: 4,
  nearThreshold: 0.5,
  sharedWeightThreshold: 30,
  keyTermThreshold: 0.15,
  minTermWeight: 12,
  maxPosting: 500,
};

export interface DedupeDocument {
  id: string;
  title: string;
  body: string;
  /** Milliseconds since epoch (published, else fetched). */
  at: number;
  /** Current cluster, or null for a post not clustered yet. */
  clusterId: string | null;
  /**
   * The scorer's 人社 topic, when known. Shared words alone (the rewrite rule) never join posts of two
   * different topics: short posts share incidental phrases (「孩子在外地，没人帮忙」) across matters.
   */
  topic?: string | null;
}

export interface DocFeatures {
  fingerprint: string;
  signature: Uint32Array;
  terms: Map<string, number>;
  /** Rare character pairs of the sites and organisations the post names (events.ts). */
  names: Set<string>;
  /** The region's districts the post names (达川区 or 达川 → 达川区). */
  districts?: Set<string>;
  /** Every character pair of the names the post gives, common ones included (events.ts namePairsOf). */
  namePairs?: Set<string>;
  /** Words jieba tags as proper names (features.ts properWords). */
  proper?: Set<string>;
}

export function documentWords(doc: Pick<DedupeDocument, 'title' | 'body'>): string[] {
  return contentWords(`${doc.title}\n${doc.body}`);
}

export function featuresOf(
  doc: Pick<DedupeDocument, 'title' | 'body'>,
  words: string[],
  weights: TermWeights,
  config: DedupeConfig,
  regionPairs: Set<string> = new Set(),
): DocFeatures {
  const text = normaliseText(`${doc.title}\n${doc.body}`);
  return {
    fingerprint: exactFingerprint(doc.title, doc.body),
    signature: minhash(shingles(text, config.shingleSize), config.numPerm),
    terms: keyTerms(words, weights, config.minTermWeight),
    names: nameKeys(`${doc.title}\n${doc.body}`, DEFAULT_EVENT_CONFIG, regionPairs),
  };
}

export interface PairScores {
  exact: boolean;
  /** Estimated Jaccard of character shingles. */
  surface: number;
  /** Weighted Jaccard of key terms. */
  keyTerms: number;
  /** Total weight of the key terms both posts contain. */
  sharedWeight: number;
  /** Both posts name a site or organisation and not the same one (二厂 vs 三厂 of one district), or both name districts and not the same. */
  namesConflict: boolean;
  /**
   * The posts name the same thing: their names share a character pair, common ones included (杨柳 of
   * 杨柳安置小区), or a key term of both is a proper name (城南 in 「宣汉城南那个安置房工地」).
   */
  sharesName: boolean;
}

/** Both say something (a name, a district) and nothing in common: two different places or firms. */
const conflict = (a: Set<string> | undefined, b: Set<string> | undefined) => !!a && !!b && a.size > 0 && b.size > 0 && ![...a].some((k) => b.has(k));

export function pairScores(a: DocFeatures, b: DocFeatures): PairScores {
  return {
    exact: a.fingerprint === b.fingerprint,
    surface: minhashSimilarity(a.signature, b.signature),
    keyTerms: keyTermSimilarity(a.terms, b.terms),
    sharedWeight: sharedTermWeight(a.terms, b.terms),
    namesConflict: conflict(a.names, b.names) || conflict(a.namePairs, b.namePairs) || conflict(a.districts, b.districts),
    sharesName:
      (!!a.namePairs && !!b.namePairs && [...a.namePairs].some((k) => b.namePairs!.has(k))) ||
      (!!a.proper && !!b.proper && [...a.terms.keys()].some((w) => b.terms.has(w) && a.proper!.has(w) && b.proper!.has(w))),
  };
}

export type Thresholds = Pick<DedupeConfig, 'nearThreshold' | 'sharedWeightThreshold' | 'keyTermThreshold'>;

export function isSameIncident(s: PairScores, t: Thresholds): boolean {
  return (
    s.exact ||
    // Neither near-identical wording nor shared words join posts that name two different employers
    // or sites: a repost keeps the names, and workers of two firms using the same words (a form
    // letter, the same complaint) are two incidents.
    (!s.namesConflict &&
      (s.surface >= t.nearThreshold ||
        // Shared words make a rewrite only around a shared name (a site, firm, township): short posts of
        // different people share stock clauses (「手里有考勤记录」「之前问过村干部」) and service words
        // (窗口, 热线) without being one event (the 460-post feed, analysis/dedupe/README.md).
        (s.sharesName && s.sharedWeight >= t.sharedWeightThreshold && s.keyTerms >= t.keyTermThreshold)))
  );
}

/**
 * Features for a set of documents. Term weights come from general Chinese and the project's own
 * 人社 examples, not from the documents themselves: on a small board an incident that twenty
 * people post about would otherwise make its own site name look common and weigh it down.
 */
export function computeFeatures(docs: Pick<DedupeDocument, 'title' | 'body'>[], config: DedupeConfig, region: Region = loadRegion()): DocFeatures[] {
  // A post's features depend only on its title, body, the config and the region: kept per text
  // for the process's next runs (text-memo.ts), which meet the same window posts again.
  const memo = memoFor<DocFeatures>('dedupe', { config, region });
  let shared: { weights: TermWeights; regionPairs: Set<string>; districtNames: (readonly [string, string])[] } | undefined;
  return docs.map((d) =>
    memo.get(`${d.title}\u0000${d.body}`, () => {
      shared ??= {
        weights: newTermWeights(regionPlaceNames(region)),
        regionPairs: regionNamePairs(region),
        districtNames: region.districts.flatMap((x) => [x.name, ...x.aliases].map((name) => [name, x.name] as const)),
      };
      const { weights, regionPairs, districtNames } = shared;
      const text = `${d.title}\n${d.body}`;
      const districts = new Set(districtNames.filter(([name]) => text.includes(name)).map(([, district]) => district));
      return {
        ...featuresOf(d, documentWords(d), weights, config, regionPairs),
        districts,
        namePairs: namePairsOf(text, regionPairs),
        proper: properWords(text),
      };
    }),
  );
}

const earlier = (a: DedupeDocument, b: DedupeDocument) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Cluster id for every document. Documents with a cluster id keep their clusters (pairs of two
 * already-clustered documents are not re-examined), new documents join or link them. A cluster's
 * id is its earliest member's id; when new posts bridge existing clusters, the merged cluster
 * keeps the id of the cluster with the earliest member here, so reruns do not churn ids.
 */
export function clusterDocuments(
  docs: DedupeDocument[],
  config: DedupeConfig = DEFAULT_DEDUPE_CONFIG,
  features: DocFeatures[] = computeFeatures(docs, config),
): Map<string, string> {
  // Grouping is order-dependent (the name veto in `join`): go through the posts in an order of
  // their own (order.ts), not the store's id order or the crawl's arrival order.
  const order = canonicalOrder(docs);
  return clusterInOrder(
    order.map((i) => docs[i]!),
    config,
    order.map((i) => features[i]!),
  );
}

function clusterInOrder(docs: DedupeDocument[], config: DedupeConfig, features: DocFeatures[]): Map<string, string> {
  const n = docs.length;
  const uf = new UnionFind(n);
  const isNew = docs.map((d) => d.clusterId === null);

  const firstOfCluster = new Map<string, number>();
  docs.forEach((d, i) => {
    if (d.clusterId === null) return;
    const first = firstOfCluster.get(d.clusterId);
    if (first === undefined) firstOfCluster.set(d.clusterId, i);
    else uf.union(first, i);
  });

  // The names and districts each group gives. Single linkage would chain two firms' posts (or two
  // districts' halls) through a post that names neither (「有工资条为证，老板一直推」): two groups that
  // both name something, and nothing in common, never join.
  type Said = { names: Set<string>; pairs: Set<string>; districts: Set<string> };
  const named = new Map<number, Said>();
  features.forEach((f, i) => {
    const root = uf.find(i);
    const group = named.get(root) ?? { names: new Set<string>(), pairs: new Set<string>(), districts: new Set<string>() };
    f.names.forEach((k) => group.names.add(k));
    f.namePairs?.forEach((k) => group.pairs.add(k));
    f.districts?.forEach((k) => group.districts.add(k));
    named.set(root, group);
  });
  const join = (i: number, j: number) => {
    const [a, b] = [uf.find(i), uf.find(j)];
    const [ga, gb] = [named.get(a)!, named.get(b)!];
    if (conflict(ga.names, gb.names) || conflict(ga.pairs, gb.pairs) || conflict(ga.districts, gb.districts)) return;
    uf.union(a, b);
    const root = uf.find(a);
    named.delete(a);
    named.delete(b);
    const merge = (x: Set<string>, y: Set<string>) => new Set([...x, ...y]);
    named.set(root, { names: merge(ga.names, gb.names), pairs: merge(ga.pairs, gb.pairs), districts: merge(ga.districts, gb.districts) });
  };
  const windowMs = config.windowDays * 86_400_000;
  // Does a pair compare as the same incident? Pure, so it can run in any order; only joining is
  // order-aware (group-level name conflicts).
  const sameIncident = (i: number, j: number) => {
    const scores = pairScores(features[i]!, features[j]!);
    const [ti, tj] = [docs[i]!.topic, docs[j]!.topic];
    const topicsDiffer = !!ti && !!tj && ti !== OTHER_TOPIC && tj !== OTHER_TOPIC && ti !== tj;
    // Different topics: only an exact or near-identical copy (a repost) joins.
    return topicsDiffer ? scores.exact || (!scores.namesConflict && scores.surface >= config.nearThreshold) : isSameIncident(scores, config);
  };

  // Candidate buckets; each new document is compared with every other member of its buckets.
  // Only buckets holding a new document are ever visited, so only those are built: the window's
  // other posts cost a lookup each, not a bucket each (same buckets, same order as building all).
  const wanted = new Set<string>();
  features.forEach((f, i) => {
    if (isNew[i]) for (const k of bucketKeys(f, config.rowsPerBand)) wanted.add(k);
  });
  const buckets = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const key of bucketKeys(f, config.rowsPerBand)) {
      if (!wanted.has(key)) continue;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const used: number[][] = [];
  for (const [key, members] of buckets) {
    if (members.length < 2) continue;
    if (key.startsWith('t:') && members.length > config.maxPosting) continue;
    used.push(members);
  }
  buckets.clear();
  const memberships = bucketsOfDocuments(used, n);

  // Pairs are visited bucket by bucket, as before, and each pair is judged once, at its first
  // bucket: a pair refused for a name conflict stays refused even if the groups later agree.
  // Whether a pair was met before is read from the two documents' bucket lists instead of a set
  // of every pair tried, which outgrew a JavaScript Set (2^24 entries) at 100,000 new posts and
  // held gigabytes before that.
  used.forEach((members, k) => {
    members.forEach((i, p) => {
      if (!isNew[i]) return;
      members.forEach((j, q) => {
        if (i === j) return;
        // Both new: the pair was judged when j was the outer post of this bucket.
        if (isNew[j] && q < p) return;
        if (Math.abs(docs[i]!.at - docs[j]!.at) > windowMs) return;
        if (uf.find(i) === uf.find(j)) return;
        if (memberships.shareBefore(i, j, k)) return;
        if (sameIncident(i, j)) join(i, j);
      });
    });
  });

  // Name each component.
  const components = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const list = components.get(root);
    if (list) list.push(i);
    else components.set(root, [i]);
  }
  const result = new Map<string, string>();
  for (const members of components.values()) {
    const sorted = members.map((i) => docs[i]!).sort(earlier);
    const existing = sorted.find((d) => d.clusterId !== null);
    const id = existing ? existing.clusterId! : sorted[0]!.id;
    for (const d of sorted) result.set(d.id, id);
  }
  return result;
}

/** A document's candidate bucket keys: its exact copy, its LSH bands, its key terms. */
function bucketKeys(f: DocFeatures, rowsPerBand: number): string[] {
  return [`x:${f.fingerprint}`, ...lshBands(f.signature, rowsPerBand).map((band) => `b:${band}`), ...[...f.terms.keys()].map((term) => `t:${term}`)];
}

/**
 * Each document's candidate buckets in visiting order (compressed rows: one typed array for all,
 * so a million memberships cost four megabytes), and whether two documents share a bucket
 * visited before bucket k.
 */
export function bucketsOfDocuments(buckets: readonly (readonly number[])[], n: number) {
  const start = new Int32Array(n + 1);
  for (const members of buckets) for (const i of members) start[i + 1]! += 1;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n]!);
  // Bucket numbers go in ascending, so every document's list is sorted.
  buckets.forEach((members, k) => {
    for (const i of members) list[fill[i]!++] = k;
  });
  return {
    shareBefore(i: number, j: number, k: number): boolean {
      let a = start[i]!;
      let b = start[j]!;
      const [endA, endB] = [start[i + 1]!, start[j + 1]!];
      while (a < endA && b < endB) {
        const [x, y] = [list[a]!, list[b]!];
        if (x >= k || y >= k) return false;
        if (x === y) return true;
        if (x < y) a++;
        else b++;
      }
      return false;
    },
  };
}
