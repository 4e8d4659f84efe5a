// The embedded search engine: SQLite FTS5 in the store, jieba tokens at index and query time,
// synonyms expanded as OR groups, bm25, filters, facet counts and highlights computed here from
// the stored post text (escaped first, then marked).
import type { Store } from '../store/store.ts';
import type { FullTextDocument } from '../store/full-text.ts';
import { fullTextEngine } from './full-text-engine.ts';
import type { IndexDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from './search-engine.ts';
import { FACETS } from './search-engine.ts';
import { ftsMatch, highlightTerms, indexTokens, matchStructure, parseQuery } from './query.ts';
import { highlight, snippet } from './highlight.ts';
import { queryBound, toUtcIso } from './dates.ts';
import { loadSynonyms, synonymIndex, type Synonyms } from './synonyms.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

export function toFullTextDocument(doc: IndexDocument): FullTextDocument {
  const { post, score } = doc;
  return {
    id: post.id,
    titleTokens: indexTokens(post.title),
    bodyTokens: indexTokens(post.body),
    source: post.source,
    district: post.district,
    topic: score?.topic ?? null,
    sentiment: score?.sentiment ?? null,
    severity: score?.severity ?? null,
    publishedAt: toUtcIso(post.publishedAt ?? post.fetchedAt),
    clusterId: post.clusterId,
    clusterSize: doc.clusterSize,
  };
}

export function pageOf(query: SearchQuery): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT);
  const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
  return { limit, offset };
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private readonly synonyms: Map<string, string[]>;

  constructor(
    private readonly store: Store,
    synonyms: Synonyms = loadSynonyms(),
  ) {
    this.synonyms = synonymIndex(synonyms);
  }

  async index(docs: IndexDocument[]) {
    await this.store.fullText.upsert(docs.map(toFullTextDocument));
  }

  async remove(ids: string[]) {
    await this.store.fullText.remove(ids);
  }

  async clear() {
    await this.store.fullText.clear();
  }

  async count() {
    return this.store.fullText.count();
  }

  async compact() {
    await this.store.fullText.optimize();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const words = parseQuery(query.q ?? '', this.synonyms);
    const { limit, offset } = pageOf(query);
    const found = await fullTextEngine(this.store.fullText).search({
      match: ftsMatch(words),
      words: matchStructure(words),
      filters: {
        source: query.source,
        district: query.district,
        topic: query.topic,
        sentiment: query.sentiment,
        severityAtLeast: query.severityAtLeast,
        since: queryBound(query.since, 'since'),
        until: queryBound(query.until, 'until'),
      },
      limit,
      offset,
      facets: (query.facets ?? []).filter((f) => (FACETS as readonly string[]).includes(f)),
    });
    const terms = highlightTerms(words);
    const posts = new Map((await this.store.posts.getMany(found.hits.map((h) => h.id))).map((p) => [p.id, p]));
    const hits: SearchHit[] = [];
    for (const h of found.hits) {
      const post = posts.get(h.id);
      // Deleted from the store since the last index run: not shown (the next run removes it).
      if (!post) continue;
      hits.push({
        id: h.id,
        titleHtml: highlight(post.title, terms),
        snippetHtml: snippet(post.body, terms),
        source: h.source,
        url: post.url,
        publishedAt: post.publishedAt,
        district: post.district,
        topic: h.topic,
        sentiment: h.sentiment,
        severity: h.severity,
        clusterId: post.clusterId,
        clusterSize: h.clusterSize,
      });
    }
    return { hits, total: found.total, facets: found.facets, engine: this.name };
  }
}
