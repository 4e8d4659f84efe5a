// From what a page said to what the store keeps: masked, normalised, hashed, dated.
import type { PostInput } from '../store/types.ts';
import { contentHash } from './content-hash.ts';
import { parsePublishedAt } from './dates.ts';
import type { RawPost } from './extract-html.ts';
import { maskPersonalData } from './mask.ts';
import { tidyText } from './text.ts';
import { canonicalUrl } from './url.ts';

export type BuiltPost = { post: PostInput } | { skip: string };

const TITLE_FROM_BODY = 40;

/**
 * Builds the stored form of a post. Missing pieces are tolerated (a post without a title takes
 * the start of its body; a missing date stays null); only a page with neither title nor body is
 * skipped, with the reason.
 */
export function buildPost(raw: RawPost, pageUrl: string, context: { source: string; district: string | null; fetchedAt: string }): BuiltPost {
  const body = maskPersonalData(tidyText(raw.body ?? ''));
  let title = maskPersonalData(tidyText(raw.title ?? '').replace(/\n+/g, ' '));
  if (!title && !body) return { skip: '页面上找不到标题和正文（选择器没有匹配，或页面为空）' };
  if (!title) title = body.split('\n')[0]!.slice(0, TITLE_FROM_BODY);
  const authorText = raw.author
    ? tidyText(raw.author)
        .replace(/\n+/g, ' ')
        .replace(/^(作者|留言人|发帖人|网友)\s*[:：]\s*/, '')
    : '';
  const author = authorText ? maskPersonalData(authorText) : null;
  const post: PostInput = {
    source: context.source,
    url: pageUrl,
    canonicalUrl: canonicalUrl(pageUrl),
    contentHash: '',
    title,
    body,
    author,
    publishedAt: parsePublishedAt(raw.publishedAt),
    fetchedAt: context.fetchedAt,
    district: context.district,
  };
  post.contentHash = contentHash(post);
  return { post };
}
