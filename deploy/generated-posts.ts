// Generated posts for the sizing and scale measurements (deploy/measure-disk.ts,
// tests/bench/scale-store.bench.ts): assembled from phrase pools with a fixed seed, so every run
// writes the same text; their length is chosen so the mean (title + body) is close to the real
// 留言板 letters' (about 360 characters), which is what makes the posts table large. The text has
// nothing to do with any real letter.
import type { PostInput } from '../store/types.ts';
import type { Region } from '../config/region.ts';
import { seededRandom } from '../shared/seeded-random.ts';

const SUBJECTS = [
  '工资',
  '社保',
  '养老金',
  '失业保险金',
  '工伤待遇',
  '医保报销',
  '社保卡',
  '技能补贴',
  '就业补贴',
  '劳动合同',
  '加班费',
  '退休手续',
  '灵活就业参保',
  '城乡居民养老保险',
  '生育津贴',
  '公益性岗位补贴',
  '创业担保贷款',
  '职称评审',
  '档案转移',
  '高温补贴',
];
const WHO = [
  '我们工地',
  '我所在的公司',
  '我父亲',
  '厂里几十个工人',
  '我爱人',
  '本村的几户人家',
  '我们单位',
  '一家餐馆的员工',
  '物流公司的司机',
  '环卫工人',
  '我母亲',
  '我们班组',
  '学校的代课老师',
  '超市的收银员',
  '小区的保安',
];
const PROBLEMS = [
  '一直没有发放',
  '被拖了好几个月',
  '办了很久还没办下来',
  '窗口说材料不全',
  '网上系统总是提示错误',
  '不知道该找哪个部门',
  '打电话一直没人接',
  '数额和政策说的不一样',
  '被告知要回原籍办理',
  '申请后没有任何回复',
  '被扣了一部分',
  '停发了半年',
];
// Sentences are assembled word by word from independent pools, with made-up place and company
// names, so two generated letters share few character 3-grams and few rare keywords, as two real
// letters about different matters do; otherwise the near-duplicate clustering would (rightly)
// merge them and the figures would describe one giant cluster.
const WHEN = ['去年', '今年初', '上个月', '前年底', '春节前', '三月份', '国庆以后', '从入职起', '签合同时', '最近半年'];
const ACTOR = ['老板', '项目经理', '包工头', '人事部门', '经办窗口', '街道办', '镇政府', '社区', '劳务公司', '财务', '分管领导', '客服'];
const ACT = ['答应', '承诺', '口头说', '书面通知', '当面表示', '在群里说', '打电话说', '发短信告诉我们'];
const THEN = ['月底前结清', '下周处理', '等上级批复', '先回去等消息', '走程序需要时间', '材料要重新交', '钱已经拨下去了', '要找原单位开证明'];
const BUT = [
  '结果到现在也没有兑现',
  '但是一直拖着',
  '可是再去问就推给别人',
  '后来电话也不接了',
  '过了期限还是老样子',
  '到现在一分钱也没见到',
  '但系统里查不到记录',
  '结果又让补交材料',
];
const ASK = [
  '请问我们应该怎么办',
  '希望有关部门尽快核实',
  '恳请领导督促处理',
  '想知道具体的办理流程',
  '请告诉我们去哪里办',
  '希望能给个明确答复',
  '请依法维护我们的权益',
  '麻烦帮忙查一下进度',
];
const HAN =
  '安宝北昌成城达德东丰福富光广国海和河红宏华佳建江金锦晶京康兰乐力利联林龙隆美明南宁平浦千强庆荣瑞润山盛胜石顺泰天通万伟文祥新信兴鑫旭阳永友裕元源远悦云泽振正中众竹卓';
/**
 * Post i of n (call in order 0, 1, 2…: the text comes from one seeded sequence), dated evenly over
 * `days` days from `start`.
 */
export function postGenerator(region: Region, n: number, options: { seed?: number; start?: number; days?: number } = {}) {
  const { seed = 20261206, start = Date.UTC(2026, 0, 1), days = 330 } = options;
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const DISTRICTS = region.districts.map((d) => d.name);
  const name = (length: number) => Array.from({ length }, () => HAN[Math.floor(random() * HAN.length)]).join('');
  const PLACE = () => `${name(2)}${pick(['镇', '乡', '村', '社区', '街道'])}`;
  const FIRM = () => `${name(2)}${pick(['劳务公司', '建筑公司', '物业公司', '食品厂', '服装厂', '商贸公司', '砖厂', '物流园'])}`;
  const num = (lo: number, hi: number) => String(lo + Math.floor(random() * (hi - lo)));

  function sentence(): string {
    switch (Math.floor(random() * 5)) {
      case 0:
        return `${pick(WHEN)}${pick(ACTOR)}${pick(ACT)}${pick(THEN)}，${pick(BUT)}。`;
      case 1:
        return `我在${PLACE()}的${FIRM()}干了${num(1, 15)}年，${pick(SUBJECTS)}${pick(PROBLEMS)}。`;
      case 2:
        return `涉及${num(2, 90)}个人，金额大约${num(1, 60)}万${num(1, 9)}千元，${pick(BUT)}。`;
      case 3:
        return `${num(2022, 2027)}年${num(1, 13)}月${num(1, 29)}日去${PLACE()}办事，${pick(ACTOR)}${pick(ACT)}${pick(THEN)}。`;
      default:
        return `${pick(ASK)}。`;
    }
  }

  return function post(i: number): PostInput {
    const district = pick(DISTRICTS);
    const subject = pick(SUBJECTS);
    const title = `${district}${PLACE()}${pick(WHO)}的${subject}${pick(PROBLEMS)}`;
    // Body lengths: 40% short (about 60–150 characters, forum style), 60% letters (about 250–800).
    const target = random() < 0.4 ? 60 + random() * 90 : 250 + random() * 550;
    let body = `${pick(['尊敬的领导：', '您好，', '', '各位领导好，'])}${pick(WHO)}的${subject}${pick(PROBLEMS)}。`;
    while (body.length < target) body += sentence();
    const day = new Date(start + Math.floor((i / n) * days * 86_400_000));
    const url = `https://board.example.gov.cn/message/${i}`;
    return {
      source: i % 3 === 0 ? 'forum' : 'board',
      url,
      canonicalUrl: url,
      contentHash: `synthetic-${i}`,
      title,
      body,
      author: null,
      publishedAt: day.toISOString().replace('Z', '+00:00'),
      fetchedAt: day.toISOString(),
      district,
    };
  };
}
