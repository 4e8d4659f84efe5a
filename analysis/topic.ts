// Topic = the 人社 business line a post is about, by weighted keywords. Specific words (养老金,
// 工伤认定) outweigh generic ones (社保, 补贴); a post needs a minimum score to leave 其他, so an
// education or traffic post that mentions 考试 or 事故 once is not pulled into 人社 work.

import { createHash } from 'node:crypto';
import { OTHER_TOPIC, TOPIC_LABELS, TOPICS, topicLabel, type Topic } from '../shared/vocabulary.ts';

export { OTHER_TOPIC, TOPIC_LABELS, TOPICS, topicLabel, type Topic };

// Word lists keep their authors' grouping (several words a line), so the formatter leaves them.
// prettier-ignore
const KEYWORDS: Record<Exclude<Topic, 'other'>, Record<string, number>> = {
  wages: {
    欠薪: 3, 拖欠: 2, 讨薪: 3, 工资: 2, 工钱: 3, 血汗钱: 3, 薪水: 2, 薪资: 2, 包工头: 3, 农民工: 2, 工地: 1.5, 项目部: 1.5,
    加班费: 3, 加班: 1, 最低工资: 3, 劳动监察: 3, 监察大队: 3, 全勤: 1.5, 绩效: 1, 提成: 1.5,
    老板: 1, 欠钱: 2, 给钱: 2, 工人: 1, 一分钱没: 2, 结账: 1,
    // as short posts write it: a pinyin half (工zi), an IOU for pay (打白条)
    工zi: 3, 白条: 2,
  },
  labor_dispute: {
    劳动合同: 3, 辞退: 2, 开除: 1.5, 解雇: 2, 经济补偿: 2, 补偿金: 2, 赔偿金: 2, 试用期: 2, 裁员: 2, 调岗: 2, 降薪: 2,
    劳动关系: 3, 劳务派遣: 3, 同工同酬: 3, 年休假: 2, 病假: 1.5, 产假: 2, 竞业: 3, 违约金: 1.5, 补偿: 1.5,
    仲裁: 3, 劳动争议: 3, 仲裁院: 3, 裁决: 2, 仲裁员: 3, 调解: 1.5, 立案: 1, 开庭: 1.5, 自愿离职: 2, 离职证明: 2,
  },
  social_insurance: {
    社保: 2, 社会保险: 2, 断缴: 3, 补缴: 2, 缴费基数: 3, 灵活就业: 2, 参保: 2, 转移接续: 3,
    社保转移: 3, 缴费: 1.5, 重复缴费: 3, 滞纳金: 2, 不交社保: 3, 没交社保: 3,
    医保: 3, 新农合: 3, 合作医疗: 3, 报销: 1.5, 就医: 1.5, 异地就医: 3, 门诊: 1.5, 慢特病: 3, 住院: 1, 医疗保险: 3, 生育保险: 3, 生育津贴: 3,
    // how much of a medical bill is paid back is the insurance's business, whatever hospital is named (real letters)
    报销比例: 3, 医疗报销: 3, 大病报销: 3, 门诊报销: 3, 住院报销: 3, 报销范围: 3, 医疗保障: 3,
    // the bureau's own service points: a post naming them is about 人社 service even without a specific term
    社保局: 2, 社保中心: 2, 人社局: 2,
  },
  pension: {
    养老: 2, 养老金: 3, 养老保险: 3, 退休: 3, 退休金: 3, 资格认证: 3, 丧葬费: 3, 抚恤金: 3,
    工龄: 2, 认证: 1, 视同缴费: 3, 延迟退休: 3, 个人账户: 1.5, 被征地: 2, 老人: 0.5, 城乡居民养老: 3,
  },
  unemployment: { 失业金: 3, 失业保险: 3, 失业保险金: 3, 失业: 2, 稳岗: 3, 技能提升补贴: 3, 失业登记: 3, 失业补助金: 3 },
  work_injury: {
    工伤: 3, 伤残: 3, 劳动能力鉴定: 3, 停工留薪: 3, 受伤: 2, 摔: 1, 工伤认定: 3, 医药费: 1, 塔吊: 1.5,
    伤残补助金: 3, 安全事故: 2, 职业病: 3, 砸伤: 2, 骨折: 2, 摔伤: 2, 摔下来: 2, 死亡: 1.5,
    尘肺: 3, 矽肺: 3, 工亡: 3, 人没了: 2, 坠落: 2, 事故: 1.5, 鉴定: 2, 伤残等级: 3, 十级: 2, 九级: 2, 八级: 2, 七级: 2,
    压断: 2, 砸死: 3, 压死: 3, 电死: 3, 摔死: 3, 抢救: 1.5, 死者: 2, 善后: 2, 绞伤: 2, 压伤: 2,
  },
  employment_training: {
    就业: 2, 招聘: 2, 岗位: 1.5, 创业: 3, 培训: 1.5, 打工: 1.5, 招人: 2, 新工作: 2, 公益性岗位: 3, 见习: 2, 务工: 2, 零工: 2, 找工作: 3,
    技能培训: 3, 招聘会: 3, 创业担保贷款: 3, 中介: 1, 直播带岗: 3, 退役军人: 1, 就业困难: 3, 培训补贴: 3,
    考试: 1.5, 事业单位: 3, 职称: 3, 人才: 1.5, 公务员: 3, 面试: 2, 笔试: 2, 报名: 1, 三支一扶: 3, 继续教育: 3,
    证书: 1, 人才引进: 3, 人才公寓: 3, 安家补贴: 3, 评审: 1.5, 招考: 3, 体检名单: 2, 建造师: 2, 考场: 2, 职业技能: 3,
    人事考试: 3, 准考证: 3, 考点: 2, 资格审核: 3, 高校毕业生: 3, 毕业生: 2, 求职补贴: 3, 考证: 2, 零工市场: 3,
    返乡创业: 3, 育婴师: 2, 技能: 2, 就业局: 3, 就业服务: 3, 求职: 2,
  },
  service_attitude: {
    态度: 2, 服务态度: 3, 态度差: 3, 态度恶劣: 3, 工作人员: 1.5, 窗口: 2, 办事大厅: 2, 政务大厅: 2, 推诿: 2, 踢皮球: 3,
    不耐烦: 2, 冷漠: 2, 爱答不理: 3, 门难进: 3, 脸难看: 3, 吃拿卡要: 3, 来回跑: 2, 跑了好几趟: 2, 排队: 1.5, 热线: 1.5,
    打不通: 1.5, 没人接: 1.5, 刁难: 2,
    耐心: 2, 热情: 1.5, 大厅: 1.5, 取号: 2, 叫号: 2, 帮办: 2, 代办: 1.5, 接电话: 2, 打通: 1.5, 态度好: 3, 态度很好: 3, 办事效率: 2,
    效率: 1.5, 职员: 1.5, 大姐: 1, 小姐姐: 1.5, '12333': 2, 占线: 2, 转人工: 2, 坐席: 2, 接线员: 2, 接待: 2, 脸色: 2, 口气: 1.5, 预约: 1.5, 下班: 1.5,
  },
  online_service: {
    网上办: 3, 网上办理: 3, 网上申请: 3, 网办: 3, 线上办理: 3, 小程序: 3, 公众号: 2, app: 2, 闪退: 3, 登录: 2, 登不上: 3,
    打不开: 2, 验证码: 3, 人脸识别: 3, 刷脸: 3, 掌上: 2, 网站: 2, 系统: 1.5, 页面: 2, 卡住: 1.5, 报错: 3, 提交失败: 3, 一网通办: 3,
    升级维护: 3, 维护: 1.5, 转圈: 2, 崩了: 2, 服务器: 2, 网上服务大厅: 3, 单位端: 2, 上传: 2, 认证失败: 3, 手机上: 1.5, 网上: 1.5,
    四川人社: 2, 掌上12333: 3, 天府通办: 3, 扫码: 1.5, 网上办事: 3,
  },
  social_security_card: {
    社保卡: 3, 电子社保卡: 3, 医保卡: 2, 补卡: 3, 补办: 1.5, 换卡: 3, 挂失: 3, 激活: 2, 制卡: 3, 领卡: 3, 卡丢: 2, 金融账户: 2,
  },
};

/** A topic must reach this keyword score, otherwise the post is 其他. */
export const MIN_TOPIC_SCORE = 2;

/**
 * Signs that a post is another department's business (schools, housing, hospitals, roads, environment,
 * shops). 工资、工地、补偿、考试、住院、培训 are everyday words there too: a teacher's pay, a building
 * site's noise, a demolition payout, a school exam. When such a sign is present, the generic 人社 words
 * (weight below SPECIFIC_WEIGHT) count only half, so only specific 人社 vocabulary (养老金、劳动合同、
 * 工伤认定、仲裁、社保…) keeps the post in a 人社 business line.
 */
// Word lists keep their authors' grouping (several words a line), so the formatter leaves them.
// prettier-ignore
export const OTHER_DEPARTMENT_CUES: readonly string[] = [
  // 教育
  '学校', '学生', '老师', '教师', '幼儿园', '校长', '教育局', '家长', '班主任', '中考', '高考', '招生', '学籍', '校区', '课外', '补课', '培训机构', '校外培训',
  // 城建、住房
  '小区', '物业', '业主', '开发商', '楼盘', '房产', '商品房', '拆迁', '棚改', '电梯', '住建', '城管', '违建', '施工噪音', '扰民',
  // 卫生
  '医院', '医生', '患者', '卫生院', '疫苗', '卫健', '诊所', '护士',
  // 交通、环境、商贸
  '公交', '道路', '红绿灯', '停车', '交警', '高速', '污染', '噪音', '排污', '垃圾', '景区', '商家', '消费者', '市场监管',
];
/** Keywords at least this heavy are specific to 人社 work and keep full weight next to another department's cues. */
export const SPECIFIC_WEIGHT = 3;
const CONTESTED_GENERIC_SHARE = 0.5;

export interface TopicResult {
  topic: Topic;
  words: string[];
  score: number;
}

/**
 * Phrases a fixed keyword list cannot hold, with their label and weight. Wage arrears named as such
 * ("拖欠保安工资", "工资两个月没发") are 劳动监察 business whoever the employer is — a school or an
 * estate's property firm included — so they count as specific even next to another department's cues.
 */
// Word lists keep their authors' grouping (several words a line), so the formatter leaves them.
// prettier-ignore
const TOPIC_PATTERNS: Partial<Record<Topic, readonly { label: string; weight: number; pattern: RegExp }[]>> = {
  wages: [
    { label: '拖欠工资', weight: 3, pattern: /(?:拖欠|欠|克扣|扣发|不发|没发)[^，。！？,.!?]{0,6}(?:工资|工钱|薪水|薪资)/ },
    { label: '拖欠工资', weight: 3, pattern: /(?:工资|工钱|薪水|薪资)[^，。！？,.!?]{0,8}(?:没发|不发|拖欠|拖着|没结|不结)/ },
    // Pay called just "钱" or "账", as short posts do ("干了一年一分钱没拿到", "老板拖了我们三万块", "3号之前再不结账"): a
    // weaker word, halved beside another department's cues, and never a refund ("退房的钱拿不到" is a buyer's matter).
    {
      label: '欠钱不给',
      weight: 2,
      pattern:
        /(?<!退[^，。！？,.!?]{0,3})(?:钱|工钱|人工|账)[^，。！？,.!?]{0,6}(?:没|不|未)(?:给|发|到|结|拿到|打)|(?:不给|没给|不结|没结|拿不到|要不到|讨不到|要不回|没拿到)[^，。！？,.!?]{0,4}(?<!退[^，。！？,.!?]{0,3})(?:钱|账)|(?:欠|拖)了?(?:我|我们|大家|工人|工友|兄弟)的?[^，。！？,.!?]{0,6}(?:钱|块|万)/u,
    },
  ],
  // technical schools are run by the 人社 departments, not by education: "技工学校", "楚江技工工贸学校", "技师学院" (real letters)
  employment_training: [{ label: '技工学校', weight: 3, pattern: /(?<!科)技工(?!程)[^，。！？,.!?]{0,4}学[校院]|技师学院|技校/ }],
  social_insurance: [
    { label: '不交社保', weight: 3, pattern: /(?:没|不|未)(?:有)?(?:给|帮|为)?(?:我们?|员工|职工|工人)?(?:交|缴|买|上)(?:过)?(?:社保|社会保险|保险)/ },
  ],
};

/**
 * A bureau's own boundary of 人社 business (config/topics.yaml, chosen at the edge: analysis/weights.ts): words that
 * make a post one business line, and words that mark another department's business. Which department
 * handles a teacher's pay or a hospital's staff differs between cities, and labels cannot move it (the
 * rules, not the topic model, decide whether a post is 人社 business), so the bureau writes it down.
 */
export interface TopicWords {
  lines: Partial<Record<Exclude<Topic, 'other'>, readonly string[]>>;
  otherDepartments: readonly string[];
}
const NO_WORDS: TopicWords = { lines: {}, otherDepartments: [] };
let bureauWords: TopicWords = NO_WORDS;
let bureauVersion = '';

// Every keyword by its first character, so one scan of the post finds the few keywords it holds.
const KEYWORDS_BY_FIRST = new Map<number, string[]>();
/** The heaviest weight of each keyword over the business lines (SPECIFIC_WEIGHT and above: 人社 vocabulary). */
export const KEYWORD_WEIGHT = new Map<string, number>();
const TOPICS_OF_WORD = new Map<string, [Exclude<Topic, 'other'>, number][]>();
function indexKeywords(): void {
  KEYWORDS_BY_FIRST.clear();
  KEYWORD_WEIGHT.clear();
  TOPICS_OF_WORD.clear();
  const add = (topic: Exclude<Topic, 'other'>, word: string, weight: number) => {
    const list = KEYWORDS_BY_FIRST.get(word.charCodeAt(0)) ?? [];
    if (!list.includes(word)) list.push(word);
    KEYWORDS_BY_FIRST.set(word.charCodeAt(0), list);
    TOPICS_OF_WORD.set(word, [...(TOPICS_OF_WORD.get(word) ?? []).filter(([t]) => t !== topic), [topic, weight]]);
    KEYWORD_WEIGHT.set(word, Math.max(KEYWORD_WEIGHT.get(word) ?? 0, weight));
  };
  for (const topic of Object.keys(KEYWORDS) as Exclude<Topic, 'other'>[]) {
    for (const [word, weight] of Object.entries(KEYWORDS[topic])) add(topic, word, weight);
  }
  // The bureau's words are 人社 vocabulary of their line: full weight even beside another department's cues.
  for (const [topic, words] of Object.entries(bureauWords.lines) as [Exclude<Topic, 'other'>, readonly string[]][]) {
    for (const word of words) add(topic, word, SPECIFIC_WEIGHT);
  }
  for (const list of Object.values(TOPIC_PATTERNS))
    for (const { label, weight } of list) KEYWORD_WEIGHT.set(label, Math.max(KEYWORD_WEIGHT.get(label) ?? 0, weight));
}
indexKeywords();

/** Takes up a bureau's topic words (null: the project's rules alone). Words are matched case-insensitively. */
export function useTopicWords(words: TopicWords | null): void {
  const lower = (ws: readonly string[]) => [...new Set(ws.map((w) => w.toLowerCase()))];
  bureauWords = words
    ? {
        lines: Object.fromEntries(Object.entries(words.lines).map(([t, ws]) => [t, lower(ws ?? [])])),
        otherDepartments: lower(words.otherDepartments),
      }
    : NO_WORDS;
  const empty = !bureauWords.otherDepartments.length && Object.values(bureauWords.lines).every((ws) => !ws?.length);
  bureauVersion = empty ? '' : createHash('sha256').update(JSON.stringify(bureauWords)).digest('hex').slice(0, 10);
  indexKeywords();
}

/** Identifies the bureau's topic words in stored scores' model version ('' when it has none). */
export function topicWordsVersion(): string {
  return bureauVersion;
}

/** The business line a bureau's own word names in this text (a title), with the words found; null if none. */
export function bureauLineIn(text: string): { topic: Exclude<Topic, 'other'>; words: string[] } | null {
  const lowered = text.toLowerCase();
  for (const [topic, words] of Object.entries(bureauWords.lines) as [Exclude<Topic, 'other'>, readonly string[]][]) {
    const found = words.filter((w) => lowered.includes(w));
    if (found.length) return { topic, words: found };
  }
  return null;
}

/** Whether the text names another department's business by one of the bureau's own words. */
export function bureauNamesOtherDepartment(text: string): boolean {
  const lowered = text.toLowerCase();
  return bureauWords.otherDepartments.some((w) => lowered.includes(w));
}

function keywordsIn(text: string): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const words = KEYWORDS_BY_FIRST.get(text.charCodeAt(i));
    if (words) for (const word of words) if (text.startsWith(word, i)) found.add(word);
  }
  return found;
}

/**
 * Service attitude and online service are about how *this bureau* serves: every department has a
 * window, a hotline and an app. These lines need a 人社 anchor — the bureau named, or a word of
 * another 人社 line in the post.
 */
const ANCHORED_TOPICS: ReadonlySet<Topic> = new Set(['service_attitude', 'online_service']);
const BUREAU_ANCHORS: readonly string[] = [
  '人社',
  '社保',
  '医保',
  '12333',
  '劳动',
  '就业',
  '养老',
  '失业',
  '工伤',
  '社会保障',
  '退休',
  '人力资源',
  '认证',
  '人事考试',
  '参保',
];

export interface KeywordScore {
  topic: Exclude<Topic, 'other'>;
  words: string[];
  score: number;
  /** Only weak words (老板、加班、报名…) are not enough evidence for a business line on their own. */
  hasStrongWord: boolean;
}

const LINES = Object.keys(KEYWORDS) as Exclude<Topic, 'other'>[];

/** Keyword evidence for every business line the post touches (lines without a keyword are left out). */
export function keywordScores(original: string): KeywordScore[] {
  // "App", "APP" and "app" are one word; Chinese is unaffected.
  const text = original.toLowerCase();
  const contested = OTHER_DEPARTMENT_CUES.some((c) => text.includes(c)) || bureauNamesOtherDepartment(text);
  // Per topic, the keywords the post holds, longer first: a character span counts once (养老保险 does not also count 养老).
  const present = new Map<Exclude<Topic, 'other'>, [string, number][]>();
  for (const word of keywordsIn(text)) {
    for (const [topic, weight] of TOPICS_OF_WORD.get(word)!) {
      const list = present.get(topic);
      if (list) list.push([word, weight]);
      else present.set(topic, [[word, weight]]);
    }
  }
  const anchored = BUREAU_ANCHORS.some((a) => text.includes(a));
  const out: KeywordScore[] = [];
  for (const topic of LINES) {
    if (ANCHORED_TOPICS.has(topic) && !anchored) continue;
    const patterns = TOPIC_PATTERNS[topic] ?? [];
    const entries = (present.get(topic) ?? []).sort((a, b) => b[0].length - a[0].length);
    if (!entries.length && !patterns.length) continue;
    const words: string[] = [];
    let score = 0;
    let hasStrongWord = false;
    let rest = text;
    for (const { label, weight, pattern } of patterns) {
      if (words.includes(label) || !pattern.test(text)) continue;
      score += weight;
      hasStrongWord = true;
      words.push(label);
    }
    for (const [word, weight] of entries) {
      if (!rest.includes(word)) continue;
      const n = rest.split(word).length - 1;
      const effective = contested && weight < SPECIFIC_WEIGHT ? weight * CONTESTED_GENERIC_SHARE : weight;
      score += effective * Math.min(n, 2);
      if (effective >= MIN_TOPIC_SCORE) hasStrongWord = true;
      words.push(word);
      rest = rest.split(word).join('＿');
    }
    if (words.length) out.push({ topic, words, score, hasStrongWord });
  }
  return out;
}

/** The business line by keywords alone: the highest score with a strong word, if it reaches MIN_TOPIC_SCORE. */
export function keywordTopic(text: string, scores: KeywordScore[] = keywordScores(text)): TopicResult {
  let best: TopicResult = { topic: OTHER_TOPIC, words: [], score: 0 };
  for (const k of scores) {
    if (!k.hasStrongWord) continue;
    if (k.score > best.score) best = { topic: k.topic, words: k.words, score: k.score };
  }
  return best.score >= MIN_TOPIC_SCORE ? best : { topic: OTHER_TOPIC, words: [], score: best.score };
}
