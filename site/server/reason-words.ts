// The words a score's reasons name (负面词：拖欠、没人管 / 危机信号（群体性）：聚集 …), so the alert
// page can mark them inside the post — the duty officer sees why at a glance.
const WORD_LISTS = /^(负面词|正面词|投诉情形|危机信号[^：]*|主题词|关注词[^：]*)：(.+)$/;

export function reasonWords(reasons: string[]): string[] {
  const words = new Set<string>();
  for (const reason of reasons) {
    const m = WORD_LISTS.exec(reason);
    if (!m) continue;
    for (const w of m[2]!.split(/[、，,]/)) {
      const word = w.replace(/（.*?）|\(.*?\)/g, '').trim();
      if ([...word].length >= 2) words.add(word);
    }
  }
  return [...words];
}
