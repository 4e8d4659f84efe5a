// The content hash: the same post reached by two different URLs (a mirror, a print view, a
// share link the canonicaliser cannot recognise) is recognised by its text.
import { createHash } from 'node:crypto';

/** Whitespace and full-width/half-width spacing differences do not make a different post. */
export function normaliseForHash(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function contentHash(post: { title: string; body: string; author: string | null }): string {
  const parts = [normaliseForHash(post.title), normaliseForHash(post.body), normaliseForHash(post.author)];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
