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
import { canonicalOrder } from './order.ts';
import { memoFor } from '../text-memo.ts';

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

/** Trades written between a firm's name and 公司/厂. */
const TRADES = [
  '纺织',
  '鞋业',
  '服饰',
  '制衣',
  '电子',
  '汽修',
  '物流',
  '建材',
  '食品',
  '餐饮',
  '装修',
  '家政',
  '劳务',
  '建筑',
  '建设',
  '房地产',
  '置业',
  '科技',
  '商贸',
  '实业',
  '运输',
  '机械',
  '保洁',
  '安保',
];

/**
 * What kind of thing an ending names. A name is compared within its kind: 恒丰鞋厂 and 恒丰超市, or
 * 嘉利纺织厂 and 嘉利花园, share a name-part but are different employers (measured on the 460-post
 * feed, analysis/dedupe/README.md). Kinds are broad because people call one place several ways
 * (城南安置房二期 / 城南二期工地 / 城南项目; 华达电子厂 / 华达公司).
 */
type EndingKind = 'employer' | 'site' | 'hospital' | 'school' | 'shop' | 'place' | 'app';

/**
 * Words that end a name (the kind of place or organisation it is), with their kind: the one table
 * both the endings and their kinds come from. The kind itself is not part of the name (every
 * factory is a 厂). Runs of one kind, in the order they are read among endings of the same length.
 */
const ENDING_TABLE: readonly (readonly [EndingKind, readonly string[]])[] = [
  ['employer', ['有限责任公司', '有限公司', '股份公司', '分公司', '公司', '集团']],
  ['site', ['项目部', '项目', '工程', '工地', '安置房', '安置小区', '小区', '花园', '家园', '新城', '国际城', '广场', '大厦', '公寓', '苑']],
  ['employer', ['电子厂', '服装厂', '制衣厂', '鞋厂', '工厂', '厂']],
  ['hospital', ['医院', '卫生院', '诊所']],
  ['school', ['学校', '小学', '中学', '幼儿园', '大学', '学院']],
  ['shop', ['酒店', '宾馆', '超市', '商场', '市场']],
  ['place', ['物流园', '产业园', '工业园', '公园']],
  ['site', ['搅拌站']],
  // A township (石梯镇, 东乡镇) and a compound or estate written with 院 (某某滨河院): places people name.
  ['place', ['镇']],
  ['site', ['院']],
  ['place', ['车站', '银行']],
  ['employer', ['物业', '煤矿', '矿', '砖厂']],
  ['shop', ['饭店', '餐厅']],
  ['site', ['大桥']],
  ['shop', ['店']],
  ['app', ['APP', 'App', 'app', '小程序', '公众号', '系统', '平台']],
  // A trade after a firm's name: people write 嘉利纺织 or 佳美鞋业 for the firm itself, and the
  // trade in 金岭汽修厂 says what kind of firm, not which (every 汽修厂 would otherwise share 汽修).
  ['employer', TRADES],
];

const KIND_OF = new Map<string, EndingKind>(ENDING_TABLE.flatMap(([kind, endings]) => endings.map((e) => [e, kind] as const)));
if (KIND_OF.size !== ENDING_TABLE.reduce((n, [, endings]) => n + endings.length, 0)) throw new Error('名称结尾表里有重复的词');

/**
 * The endings longest first: 鞋厂 must be read (and cut off a name) before 厂, or 鞋 would stay in the
 * name. Endings of one length keep the table's order (sort is stable); the cut in namedIn depends on
 * it, and tests/analysis/name-endings.test.ts pins the result.
 */
const NAME_ENDINGS = [...KIND_OF.keys()].sort((a, b) => b.length - a.length);

/** Character pairs inside a kind word (安置, 服装, 电子…): they say what kind of place, never which one. */
const ENDING_PAIRS = new Set(NAME_ENDINGS.flatMap((e) => [...e].slice(0, -1).map((c, i) => c + [...e][i + 1]!)));

/** Characters that never belong to a name: they end the walk back from the ending. */
// Besides function words: verbs people write right before a name (去/找/问/管/用/交…), 一 (一家厂),
// and 时/后 (离职时某某厂扣钱: 离职 is not part of the name).
const NOT_NAME = new Set([
  ...'的在了是和与及对把被给向从到我你他她们这那个些有没不也都就还又很太让请帮要说于为并或而且该其各每某以去找问管用交缴欠拖讨干做听看过等备一改时后',
]);

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
 * The names a text gives to places and organisations, with the kind of thing each names: for every
 * ending (公司, 厂, 小区, APP…), the run of letters before it back to a character that cannot be in a
 * name, without the administrative place at its start. 「投诉A2区丽发新城小区附近」 → 丽发新城 (a site,
 * before 小区) and 丽发 (before 新城). The kind is that of the ending nearest the name: 嘉利花园物业公司
 * names 嘉利, a site.
 */
export function namedIn(text: string): { name: string; kind: string }[] {
  const t = text.normalize('NFKC');
  const names = new Map<string, { name: string; kind: string }>();
  for (const ending of NAME_ENDINGS) {
    let from = 0;
    for (;;) {
      const at = t.indexOf(ending, from);
      if (at < 0) break;
      from = at + ending.length;
      // 店 inside 永杉酒店 is read with 酒店 (a longer ending ending here): 杉酒 is no name pair.
      if (NAME_ENDINGS.some((e) => e.length > ending.length && e.endsWith(ending) && t.slice(from - e.length, from) === e)) continue;
      let start = at;
      while (start > 0 && at - start < 10) {
        const ch = t[start - 1]!;
        if (!/[\p{Script=Han}A-Za-z0-9]/u.test(ch) || NOT_NAME.has(ch)) break;
        start--;
      }
      let name = t.slice(start, at).replace(ADMIN_PREFIX, '');
      let kind: string = KIND_OF.get(ending)!;
      // 柏树湾安置房 before 工地: the name is 柏树湾, the rest is another kind word.
      for (let cut = true; cut;) {
        cut = false;
        for (const e of NAME_ENDINGS) {
          if (name.length > e.length && name.endsWith(e)) {
            name = name.slice(0, -e.length);
            kind = KIND_OF.get(e)!;
            cut = true;
          }
        }
      }
      if ([...name].length >= 2) names.set(`${name}|${kind}`, { name, kind });
    }
  }
  return [...names.values()];
}

/** The names a text gives to places and organisations (namedIn without the kinds). */
export function namesIn(text: string): string[] {
  return [...new Set(namedIn(text).map((n) => n.name))];
}

/**
 * The rare character pairs of a text's names with their kind (恒丰@employer), minus the region's own
 * place names (达川, 宣汉…).
 */
export function nameKeys(text: string, config: EventConfig, regionPairs: Set<string>): Set<string> {
  const keys = new Set<string>();
  for (const { name, kind } of namedIn(text)) {
    const chars = [...name];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (/\d/.test(pair) || regionPairs.has(pair) || ENDING_PAIRS.has(pair)) continue;
      if (pairRarity(pair) >= config.minPairRarity) keys.add(`${pair}@${kind}`);
    }
  }
  return keys;
}

/**
 * Every character pair of a text's names, common ones included (黄河 of 黄河煤矿): not enough to say two
 * posts name the same thing, but two posts whose names share no pair at all name different things.
 */
export function namePairsOf(text: string, regionPairs: Set<string>): Set<string> {
  const pairs = new Set<string>();
  for (const { name } of namedIn(text)) {
    const chars = [...name];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (!/\d/.test(pair) && !regionPairs.has(pair) && !ENDING_PAIRS.has(pair)) pairs.add(pair);
    }
  }
  return pairs;
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
  /** It names two or more different things (望溪工地 and 恒丰鞋厂): it may speak of two incidents. */
  manyNames?: boolean;
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
  // With the default weights a post's features depend only on its text, the config and the
  // region: kept per text for the process's next runs (text-memo.ts). Given weights are not.
  if (!weights) {
    const memo = memoFor<EventFeatures>('events', { config, region });
    let computed: ((d: Pick<EventDocument, 'title' | 'body'>) => EventFeatures) | undefined;
    return docs.map((d) =>
      memo.get(`${d.title}\u0000${d.body}`, () => (computed ??= eventFeaturesWith(config, region, newTermWeights(regionPlaceNames(region))))(d)),
    );
  }
  return docs.map(eventFeaturesWith(config, region, weights));
}

function eventFeaturesWith(config: EventConfig, region: Region, w: TermWeights): (d: Pick<EventDocument, 'title' | 'body'>) => EventFeatures {
  const regionPairs = regionNamePairs(region);
  return (d) => {
    const text = `${d.title}\n${d.body}`;
    const names = nameKeys(text, config, regionPairs);
    const namePairs = new Set([...names].map((k) => k.slice(0, k.indexOf('@'))));
    const matter = new Map<string, number>();
    for (const word of contentWords(text)) {
      // A word carrying a name's pair is the name again, not the matter.
      if ([...word].some((c, i, all) => i + 1 < all.length && namePairs.has(c + all[i + 1]!))) continue;
      const weight = w.weight(word);
      if (weight > 0) matter.set(word, weight);
    }
    // Names with a rare pair, nested ones (丽发 in 丽发新城) counted once.
    const named = namesIn(text).filter((n) => [...nameKeys(n + '厂', config, regionPairs)].length > 0);
    const distinct = named.filter((n) => !named.some((m) => m !== n && m.includes(n)));
    return { names, matter, manyNames: distinct.length >= 2 };
  };
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
  // Which pair joins first decides what the two-incident rule lets join: go through the posts in an
  // order of their own (order.ts), not the store's or the crawl's.
  const order = canonicalOrder(docs);
  return groupInOrder(
    order.map((i) => docs[i]!),
    config,
    order.map((i) => features[i]!),
  );
}

function groupInOrder(docs: EventDocument[], config: EventConfig, features: EventFeatures[]): Map<string, string> {
  const n = docs.length;
  const uf = new UnionFind(n);
  const byCluster = new Map<string, number>();
  docs.forEach((d, i) => {
    if (!d.clusterId) return;
    const first = byCluster.get(d.clusterId);
    if (first === undefined) byCluster.set(d.clusterId, i);
    else uf.union(first, i);
  });
  // How many posts of each group hold each name. A post naming two incidents (「望溪工地欠薪还没
  // 解决，恒丰鞋厂又倒闭了」) would chain them into one by single linkage: two groups of two or more
  // posts join only over a name that at least two posts on each side give, never over one such post.
  const held = new Map<number, Map<string, number>>();
  const size = new Map<number, number>();
  features.forEach((f, i) => {
    const root = uf.find(i);
    const counts = held.get(root) ?? new Map<string, number>();
    for (const k of f.names) counts.set(k, (counts.get(k) ?? 0) + 1);
    held.set(root, counts);
    size.set(root, (size.get(root) ?? 0) + 1);
  });
  const join = (i: number, j: number, key: string) => {
    const [a, b] = [uf.find(i), uf.find(j)];
    if (size.get(a)! >= 2 && size.get(b)! >= 2 && ((held.get(a)!.get(key) ?? 0) < 2 || (held.get(b)!.get(key) ?? 0) < 2)) return;
    uf.union(a, b);
    const root = uf.find(a);
    const [into, from] = root === a ? [a, b] : [b, a];
    const counts = held.get(into)!;
    for (const [k, n] of held.get(from)!) counts.set(k, (counts.get(k) ?? 0) + n);
    size.set(into, size.get(into)! + size.get(from)!);
    held.delete(from);
  };
  const windowMs = config.windowDays * 86_400_000;
  const postings = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const k of f.names) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
  });
  // Posts naming one thing form the events first; posts naming several join afterwards, so the
  // order in which pairs come up never lets a two-incident post glue incidents together.
  for (const bridges of [false, true]) {
    for (const [key, members] of postings) {
      if (members.length < 2 || members.length > config.maxPosting) continue;
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x]!;
          const j = members[y]!;
          if (!!(features[i]!.manyNames || features[j]!.manyNames) !== bridges) continue;
          if (uf.find(i) === uf.find(j) || Math.abs(docs[i]!.at - docs[j]!.at) > windowMs) continue;
          const sameTopic = !!docs[i]!.topic && docs[i]!.topic !== OTHER_TOPIC && docs[i]!.topic === docs[j]!.topic;
          if (sameEvent(features[i]!, features[j]!, config, sameTopic)) join(i, j, key);
        }
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
  return [...counts.entries()]
    .filter(([, c]) => c >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([n]) => n);
}
