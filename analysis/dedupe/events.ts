// Event grouping: posts about the same incident join one event even when worded differently.
// Near-duplicate clusters (cluster.ts) stay the level below: a cluster is always inside one event.
// Two posts are linked when, within `windowDays` of each other,
//   1. they name the same thing: a rare name before an organisation or site word
//      (某某公司/厂/工地/项目/小区/医院/学校/APP/系统…) — compared by its rare character pairs,
//      because jieba splits unknown names into single characters (丽/发/新城) and people write
//      the same site several ways (城南安置房二期 / 城南二期安置房工地);
//   2. and they are about the same matter: besides the name, their naming words (what is wrong:
//      工资/车位/噪音/油烟…) overlap by at least `matterThreshold` (weighted Jaccard) — one housing
//      estate's parking sale and its price rise are two matters.
// Precision first: two factories in one district with the same complaint share no rare name, so
// they stay two events. Pure functions; no I/O.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { contentWords, newTermWeights, projectVocabulary, regionPlaceNames, type TermWeights } from './features.ts';
import type { Region } from '../../config/region.ts';
import { OTHER_TOPIC } from '../topic.ts';
import { UnionFind } from './union-find.ts';

export interface EventConfig {
  /** Posts further apart than this are never linked directly (single linkage can carry an event on). */
  windowDays: number;
  /** A character pair counts as a name only when jieba's dictionary makes it this rare (−log share). */
  minPairRarity: number;
  /** Weighted Jaccard of the posts' other naming words (the matter) at or above which they are one event. */
  matterThreshold: number;
  /** Names held by more than this many posts do not link (a name everyone uses is no name). */
  maxPosting: number;
}

/** Chosen by measurement on the labelled incident sets (analysis/dedupe/README.md). */
export const DEFAULT_EVENT_CONFIG: EventConfig = {
  windowDays: 14,
  minPairRarity: 11.5,
  matterThreshold: 0.1,
  maxPosting: 200,
};

/**
 * Words that end a name: the kind of place or organisation it is. Longest first so 服装厂 is read
 * before 厂; the kind itself is not part of the name (every factory is a 厂).
 */
const NAME_ENDINGS = [
  '有限责任公司', '有限公司', '股份公司', '分公司', '公司', '集团', '项目部', '项目', '工程', '工地', '安置房', '安置小区',
  '小区', '花园', '家园', '新城', '国际城', '广场', '大厦', '公寓', '苑', '电子厂', '服装厂', '制衣厂', '鞋厂', '工厂',
  '厂', '医院', '卫生院', '诊所', '学校', '小学', '中学', '幼儿园', '大学', '学院', '酒店', '宾馆', '超市', '商场', '市场',
  '物流园', '产业园', '工业园', '公园', '搅拌站', '车站', '银行', '物业', '煤矿', '矿', '砖厂', '饭店', '餐厅', '大桥', '店',
  'APP', 'App', 'app', '小程序', '公众号', '系统', '平台',
].sort((a, b) => b.length - a.length);

/** Character pairs inside a kind word (安置, 服装, 电子…): they say what kind of place, never which one. */
const ENDING_PAIRS = new Set(NAME_ENDINGS.flatMap((e) => [...e].slice(0, -1).map((c, i) => c + [...e][i + 1]!)));

/** Characters that never belong to a name: they end the walk back from the ending. */
// Besides function words: verbs people write right before a name (去/找/问/管/用/交…), and 一 (一家厂).
const NOT_NAME = new Set([...'的在了是和与及对把被给向从到我你他她们这那个些有没不也都就还又很太让请帮要说于为并或而且该其各每某以去找问管用交缴欠拖讨干做听看过等备一改']);

/** Masked or written-out administrative places at a name's start (A市, A2区, 达川区) say where, not which. */
const ADMIN_PREFIX = /^(?:[A-Z]\d*[省市区县镇乡]|[\p{Script=Han}]{2,3}[省市区县])+/u;

let pairTable: { counts: Map<string, number>; total: number } | null = null;

/**
 * How often each character pair occurs inside words of jieba's dictionary, weighted by the words'
 * corpus frequencies: a general-language background (no project or board data) in which 新城, 电子
 * or 服装 are common and 丽发 or 鑫源 are not.
 */
function characterPairs(): { counts: Map<string, number>; total: number } {
  if (pairTable) return pairTable;
  const require = createRequire(import.meta.url);
  const text = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of text.split('\n')) {
    const [word, freq] = line.split(' ');
    const n = Number(freq);
    if (!word || !(n > 0)) continue;
    const chars = [...word];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      counts.set(pair, (counts.get(pair) ?? 0) + n);
      total += n;
    }
  }
  pairTable = { counts, total };
  return pairTable;
}

/** −log of a character pair's share of the background: higher is rarer. */
export function pairRarity(pair: string): number {
  const { counts, total } = characterPairs();
  return Math.log(total / ((counts.get(pair) ?? 0) + 1));
}

/**
 * The names a text gives to places and organisations: for every ending (公司, 厂, 小区, APP…), the
 * run of letters before it back to a character that cannot be in a name, without the administrative
 * place at its start. 「投诉A2区丽发新城小区附近」 → 丽发新城 (before 小区) and 丽发 (before 新城).
 */
export function namesIn(text: string): string[] {
  const t = text.normalize('NFKC');
  const names = new Set<string>();
  for (const ending of NAME_ENDINGS) {
    let from = 0;
    for (;;) {
      const at = t.indexOf(ending, from);
      if (at < 0) break;
      from = at + ending.length;
      let start = at;
      while (start > 0 && at - start < 10) {
        const ch = t[start - 1]!;
        if (!/[\p{Script=Han}A-Za-z0-9]/u.test(ch) || NOT_NAME.has(ch)) break;
        start--;
      }
      let name = t.slice(start, at).replace(ADMIN_PREFIX, '');
      // 柏树湾安置房 before 工地: the name is 柏树湾, the rest is another kind word.
      for (let cut = true; cut; ) {
        cut = false;
        for (const e of NAME_ENDINGS) {
          if (name.length > e.length && name.endsWith(e)) {
            name = name.slice(0, -e.length);
            cut = true;
          }
        }
      }
      if ([...name].length >= 2) names.add(name);
    }
  }
  return [...names];
}

/** The rare character pairs of a text's names, minus the region's own place names (达川, 宣汉…). */
export function nameKeys(text: string, config: EventConfig, regionPairs: Set<string>): Set<string> {
  const keys = new Set<string>();
  for (const name of namesIn(text)) {
    const chars = [...name];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (/\d/.test(pair) || regionPairs.has(pair) || ENDING_PAIRS.has(pair)) continue;
      if (pairRarity(pair) >= config.minPairRarity) keys.add(pair);
    }
  }
  return keys;
}

export interface EventDocument {
  id: string;
  title: string;
  body: string;
  /** Milliseconds since epoch (published, else fetched). */
  at: number;
  /** Near-duplicate cluster; posts of one cluster are always one event. */
  clusterId: string | null;
  /**
   * The scorer's topic (欠薪, 社保…), when known: two posts naming the same site under the same 人社
   * topic are about the same matter even when they share no noun (工钱 / 工资). Topic 其他 says nothing.
   */
  topic?: string | null;
}

export interface EventFeatures {
  /** Rare character pairs of the names the post gives. */
  names: Set<string>;
  /** The post's other naming words and their weights: what the matter is. */
  matter: Map<string, number>;
}

/** Weighted Jaccard of two word → weight maps. */
function weightedJaccard(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let union = 0;
  for (const [w, x] of a) {
    union += x;
    if (b.has(w)) shared += x;
  }
  for (const [w, x] of b) if (!a.has(w)) union += x;
  return union === 0 ? 0 : shared / union;
}

const pairsOf = (word: string) => [...word].slice(0, -1).map((c, i) => c + [...word][i + 1]!);

/**
 * Character pairs that never tell two sites apart: the region's own place names (达州, 宣汉…) and
 * the project dictionary's 人社 vocabulary (社保, 医保…: what the matter is, not whose).
 */
export function regionNamePairs(region: Region): Set<string> {
  return new Set([...regionPlaceNames(region), ...projectVocabulary()].flatMap(pairsOf));
}

export function eventFeatures(docs: Pick<EventDocument, 'title' | 'body'>[], config: EventConfig, region: Region, weights?: TermWeights): EventFeatures[] {
  const regionPairs = regionNamePairs(region);
  const w = weights ?? newTermWeights(regionPlaceNames(region));
  return docs.map((d) => {
    const text = `${d.title}\n${d.body}`;
    const names = nameKeys(text, config, regionPairs);
    const matter = new Map<string, number>();
    for (const word of contentWords(text)) {
      // A word carrying a name's pair is the name again, not the matter.
      if ([...word].some((c, i, all) => i + 1 < all.length && names.has(c + all[i + 1]!))) continue;
      const weight = w.weight(word);
      if (weight > 0) matter.set(word, weight);
    }
    return { names, matter };
  });
}

/**
 * Whether two posts are about the same incident by what they name (time is checked by the caller):
 * the same name, and the same matter — shared naming words, or the same 人社 topic (`sameTopic`).
 */
export function sameEvent(a: EventFeatures, b: EventFeatures, config: EventConfig, sameTopic = false): boolean {
  let sharesName = false;
  for (const k of a.names) {
    if (b.names.has(k)) {
      sharesName = true;
      break;
    }
  }
  return sharesName && (sameTopic || weightedJaccard(a.matter, b.matter) >= config.matterThreshold);
}


/**
 * Event id for every document: the id of its earliest post (time, then id), so reruns over the same
 * posts give the same ids. Posts of one near-duplicate cluster always share an event.
 */
export function groupEvents(
  docs: EventDocument[],
  region: Region,
  config: EventConfig = DEFAULT_EVENT_CONFIG,
  features: EventFeatures[] = eventFeatures(docs, config, region),
): Map<string, string> {
  const n = docs.length;
  const uf = new UnionFind(n);
  const byCluster = new Map<string, number>();
  docs.forEach((d, i) => {
    if (!d.clusterId) return;
    const first = byCluster.get(d.clusterId);
    if (first === undefined) byCluster.set(d.clusterId, i);
    else uf.union(first, i);
  });
  const windowMs = config.windowDays * 86_400_000;
  const postings = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const k of f.names) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
  });
  for (const members of postings.values()) {
    if (members.length < 2 || members.length > config.maxPosting) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!;
        const j = members[y]!;
        if (uf.find(i) === uf.find(j) || Math.abs(docs[i]!.at - docs[j]!.at) > windowMs) continue;
        const sameTopic = !!docs[i]!.topic && docs[i]!.topic !== OTHER_TOPIC && docs[i]!.topic === docs[j]!.topic;
        if (sameEvent(features[i]!, features[j]!, config, sameTopic)) uf.union(i, j);
      }
    }
  }
  const components = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const list = components.get(root);
    if (list) list.push(i);
    else components.set(root, [i]);
  }
  const result = new Map<string, string>();
  for (const members of components.values()) {
    const first = members.map((i) => docs[i]!).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0]!;
    for (const i of members) result.set(docs[i]!.id, first.id);
  }
  return result;
}

/** The names tying an event's posts together (shown on the alert page): pairs two or more posts share, as full names. */
export function sharedNames(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const name of new Set(namesIn(t))) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
}
