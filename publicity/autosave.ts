// Drafts saved automatically on the server while a 明白纸 is being edited: one autosave per
// explainer and user, overwritten each time (never a version in the history — versions are made
// by an explicit save), offered back when the editor is opened again, on any machine.
import type { ExplainerAutosave } from '../store/publicity.ts';

export type { ExplainerAutosave };

/** The editor sends the text this long after typing stops (and when the page is left). */
export const AUTOSAVE_DEBOUNCE_MS = 3_000;

/** A whole 明白纸 is a few thousand characters; this leaves room without storing anything huge. */
export const AUTOSAVE_MAX_CHARS = 200_000;

/** An autosave nobody came back to in this long is not offered (and is deleted). */
export const AUTOSAVE_KEEP_DAYS = 30;

/** The key a draft of a not yet created 明白纸 (the “new” page) is kept under. */
export const NEW_EXPLAINER_KEY = '';

/** Why a text cannot be autosaved (in Chinese), or null. */
export function autosaveProblem(source: unknown): string | null {
  if (typeof source !== 'string') return '草稿内容 source 应为文字';
  if (!source.trim()) return '草稿是空的，没有保存';
  if (source.length > AUTOSAVE_MAX_CHARS) return `草稿太长（${source.length} 字，最多 ${AUTOSAVE_MAX_CHARS} 字），没有自动保存；请删短后再点“保存新版本”`;
  return null;
}

export interface AutosaveOffer {
  autosave: ExplainerAutosave;
  /** Set when someone saved a newer version after this draft was started: restoring it would undo theirs. */
  newerVersion: number | null;
}

/**
 * Whether to offer an autosave when the editor opens: only if it is recent and differs from the
 * working copy (a draft identical to what is stored restores nothing).
 */
export function autosaveOffer(autosave: ExplainerAutosave | null, working: { number: number; source: string } | null, now: Date): AutosaveOffer | null {
  if (!autosave) return null;
  if (autosaveExpired(autosave, now)) return null;
  if (working && autosave.source === working.source) return null;
  const newer = working && autosave.baseVersion !== null && working.number > autosave.baseVersion ? working.number : null;
  return { autosave, newerVersion: newer };
}

export const autosaveExpired = (autosave: { savedAt: string }, now: Date) => now.getTime() - Date.parse(autosave.savedAt) > AUTOSAVE_KEEP_DAYS * 86_400_000;
