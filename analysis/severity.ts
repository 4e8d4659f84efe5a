// Severity 0..3, by the bureau's definitions (issue 6). Severity is not negativity: a calm report
// that 80 workers are unpaid is 2, a furious one-person complaint is 1.
//   1 an ordinary complaint (negative, or a grievance stated as fact);
//   2 strong or urgent: repeated or long unresolved, many people affected, threats of media exposure,
//     serious injury or death at work, retaliation after complaining;
//   3 crisis: self-harm threats, violence (a wage claimant beaten), gatherings, blocking roads or gates,
//     banners, collective petitions, conditional threats ("再不给钱就只能去县政府了").
// Pure; each signal names the words that triggered it, for the duty officer.
import { NOT_CRISIS } from './lexicon.ts';
import { requiredChars, TextChars } from './required-chars.ts';
import type { Severity } from '../store/types.ts';
import type { Reason } from './reasons.ts';

export type CrisisKind = 'extreme' | 'violence' | 'group' | 'threat' | 'safety' | 'injury' | 'crowd' | 'media' | 'repeat' | 'retaliation' | 'vulnerable';

export const CRISIS_LABELS: Record<CrisisKind, string> = {
  extreme: '极端',
  violence: '暴力',
  group: '群体性',
  threat: '扬言',
  safety: '伤亡',
  injury: '工伤/职业病',
  crowd: '涉及人多',
  media: '媒体',
  repeat: '重复投诉/久拖未决',
  retaliation: '打击报复',
  vulnerable: '弱势人群',
};

interface SignalRule {
  kind: CrisisKind;
  level: Severity;
  words: readonly string[];
  patterns?: readonly RegExp[];
  /** The signal counts only when the text also matches this (a death in a pension letter is not a work accident). */
  context?: RegExp;
  /**
   * Counts in a post that is not a complaint. Crises and deaths do; numbers of people, media, repeats,
   * retaliation and injuries need a grievance to attach to ("我们公司80个员工，社保怎么交？" is a question).
   */
  standsAlone?: boolean;
}

/** Up to the end of a sentence: a condition and its threat sit in one sentence. */
const S = '[^。！？!?\\n]';
/** Up to the end of a clause. */
const C = '[^，,；;。！？!?\\n]';
/** Ten or more people, in the ways people write it: 80, 十几, 二十多, 三十来, 几十, 上百. */
const MANY =
  '(?:[1-9]\\d{1,4}|[一二两三四五六七八九]?千|几千|数千|上万|几万|数万|万余|千余|百余|近万|近千|近百|[一二两三四五六七八九]?十[一二三四五六七八九几多来余]?|几十|数十|好几十|上百|几百|数百|好几百|上千|[一二两三四五六七八九]百)';
const PEOPLE =
  '(?:人|工人|农民工|工友|员工|职工|老职工|家属|群众|村民|居民|业主|住户|考生|购房者|购房户|摊主|商户|学员|孩子|子女|受害人|出借人|老人|退休人员|退休职工|师傅|保安|司机|教师|老师|保育员|护工|学员|学生|毕业生|兄弟|姐妹|老乡|同事|病人|患者|尘肺|骑手|快递员|家庭|户)';
/** A count of ten or more not made small by the words before it: "不到10个学生及格" is few people, not many. */
const COUNT = `(?<!(?:不到|不足|只有|仅有|仅|少于|不超过))${MANY}`;
/** A long wait: four months or more, half a year, years (three months of arrears alone is an ordinary complaint). */
const LONG =
  '(?:(?:[四五六七八九十]|十[一二]|[4-9]|1[0-2]|四五|五六|六七|七八|八九)个多?月|数月|几个月|半年多?|大半年|数年|几年|十几年|十来年|几十年|长期|常年|(?:[一两二三四五六七八九十几]|十[一二三四五六七八九几]|[二三四五六七八九]十[一二三四五六七八九]?|(?<!\\d)\\d{1,2}|两三|三四|四五|五六|六七|七八|八九)年(?!度)多?|好几年|多年)';
/** Three or more attempts: 三次, 五趟, 二十多次, 10次. */
const TIMES =
  '(?:[三四五六七八九十]|[二两三四五六七八九]十|十[一二三四五六七八九几]|[3-9]|[1-9]\\d|[二两三四五六七八][三四五六七八九])[多几余来]?(?:次|趟|回|遍)';
/** Where people gather or sit in protest. */
const PROTEST_PLACE = '(?:门口|大门|楼下|广场|项目部|售楼部|指挥部|政府|工地上|村口|路口|厂门|矿口)';

// Word lists keep their authors' grouping (several words a line), so the formatter leaves them.
// prettier-ignore
const RULES: readonly SignalRule[] = [
  {
    kind: 'extreme',
    level: 3,
    standsAlone: true,
    words: [
      '走了算了', '想一了百了', '没法活', '没办法活', '我就去死', '就去死', '只有去死', '只能去死', '喝了算了', '拿出一瓶农药', '农药', '敌敌畏', '百草枯',
      '割了手腕', '割手腕', '绝食', '撞墙', '撞了墙', '活着图什么', '活着有什么意思', '不要醒过来', '极端行为', '极端手段', '极端方式', '死在你们', '死在这里', '死在这儿', '死在办公室', '死在门口',
      '跳楼', '跳河', '跳江', '跳桥', '自杀', '轻生', '以死相逼', '寻短见', '寻死', '喝农药', '喝药', '喝百草枯', '服毒', '割腕', '上吊', '自焚',
      '不想活了', '不想活', '活不下去', '活着没意思', '活着没啥意思', '活着没有意思', '活着没什么意思', '活着还有什么意思', '活着就是拖累',
      '不如死了', '死了算了', '一了百了', '了结自己', '结束自己', '结束生命', '爬上塔吊', '爬塔吊', '同归于尽', '一死了之', '死给你们看', '拿命换', '用命换', '快饿死', '要饿死', '都饿死', '饿死了', '活不起', '用生命捍卫', '以命相搏', '拼上这条命', '豁出命',
    ],
    // "从他们厂房顶上跳下去", "爬到楼顶上要跳"
    patterns: [
      new RegExp(`(?:楼|楼顶|房顶|天台|桥|塔吊|吊车|顶上)${S}{0,6}(?:跳下去|跳下来|往下跳|要跳)`, 'u'),
      new RegExp(`就${S}{0,3}(?:跳下去|死给|吊死|撞死|死在)`, 'u'),
      // "我就爬到塔吊上面去", "有人说要爬上去" next to a crane, "工人要爬楼"
      new RegExp(`爬(?:到|上)${S}{0,6}(?:塔吊|楼顶|楼上|吊车|屋顶|顶上|天台|桥上|龙门架)`, 'u'),
      new RegExp(`(?:塔吊|楼顶|天台)${S}{0,12}(?:要|想|说要)爬`, 'u'),
      // (not stairs climbed when the lift is broken: "电梯坏了，老人要爬楼")
      /(?<!电梯[^]*)要爬楼(?![^]*电梯)/u,
      // "我站在州河大桥上好久了", "我站在公司天台上给你们发这条消息"
      // (a bare 在 needs its person: "在其顶楼加盖" is where a building grew, not where someone stands)
      new RegExp(`(?:站在|站到|坐在|爬到|爬上|(?:我|他|她|人|工友|老人)(?:现在|正|就|还)?在)${S}{0,6}(?:大桥上|桥上|桥边|天台上?|楼顶上?|顶楼|(?<![跨翻越])栏杆)`, 'u'),
      new RegExp(`带着${S}{0,4}一起走`, 'u'),
      // "我干脆死在他们大厅算了"; "我要去公司楼顶讨个说法", "俺就上房顶"
      new RegExp(`死在${S}{0,4}(?:大厅|门口|办公室|这里|这儿|你们|他们|工地|厂里|公司)`, 'u'),
      // (not to look at or mend something there: "去楼顶查看", "上天台晒被子")
      new RegExp(`(?:去|上|爬)${S}{0,6}(?:楼顶|房顶|天台|塔吊)(?!${C}{0,3}(?:查看|检查|看看|看一下|晒|维修|修理|修补|漏水|防水|堆放))`, 'u'),
      // "不活了" — but not the netspeak "笑不活了" (laughing)
      /(?<!笑)不活了/u,
    ],
  },
  {
    kind: 'violence',
    level: 3,
    standsAlone: true,
    words: ['打人', '殴打', '挨打', '动手打', '拳打脚踢', '群起而攻之', '打伤', '打成重伤', '持刀', '拿刀', '砍人', '围殴', '推倒在地', '扇耳光', '扇了', '打了我', '打我', '头破血流', '找人打', '叫人打', '揍了', '打断腿', '打断你', '弄死你', '弄死我们', '雇凶', '打手', '打成重伤', '打成轻伤', '打成青光眼', '故意伤害',
      // beaten or threatened with beating in letters about schools and estates; someone driven to death
      '打骂', '棍棒', '逼死了', '已经逼死', '逼死的'],
    // "被老板找人打了", "被保安打得住院", "包工头带人把我推出去"
    patterns: [
      // within one clause: "被噪音吵得睡不着，电话打了" is a phone call, not a beating
      // (not a jab: "孩子被他们要求打了自费的三联疫苗")
      new RegExp(`被${C}{0,10}打(?:了|伤|成|得|断|一顿)(?!${C}{0,8}(?:疫苗|针))`, 'u'),
      // "被打" but not "被打着…的幌子", "被打造成", "被打破", "被打扰"
      /被打(?![着造破开通扰乱卡压击太回穿孔洞])/u,
      // "遭老板打了", "一脚踢倒", "推到地上踢了几脚", "推推搡搡", "摔倒磕破了头"
      new RegExp(`遭${S}{0,6}打(?![击压扰])`, 'u'),
      // a person pushed over, not a sign or a wall ("将禁停牌推倒", "推倒重建")
      new RegExp(`被${C}{0,6}推倒|(?:把|将)(?:我|他|她|人|老人|工人|父亲|母亲|老父亲|老母亲|妻子|孩子)${C}{0,3}推倒|推倒(?:了)?(?:我|他|她|老人)`, 'u'),
      /(?:踢了几脚|踢了我|踢倒|一脚踢|推推搡搡|推到地上|推下(?![周个次月午])|动手了|磕破|打破了?头|抢了?(?:我们?的)?手机|(?<!垃圾|渣土|东西|车辆?)拖出去|架出来|扔在马路|淌血|流血|夹出血|打出血|头都撞破)/u,
      new RegExp(`(?:老板|包工头|工头|保安|经理|老板娘|他们|对方|厂里的人|项目部的人)${S}{0,8}(?:动手|推搡|把我推|推倒|踹|踢了|扇)`, 'u'),
      // "连家长一起打" — not the compounds "一起打工/打拼/打车/打官司/打造…"
      /一起打(?![工拼车牌球卡电听扫包针游官造扮麻算开点理折印字交])/u,
      // "让人给削了", "被人捅了"
      new RegExp(`(?<![树木林竹])(?:让人|叫人|被人|给人|喊人)${S}{0,3}(?:打|削|砍(?![伐树])|揍|捅|踹)`, 'u'),
      // ninth round: gangsters who threaten people; 黑社会 alone is mostly a comparison ("跟黑社会没有两样", "黑社会作风"),
      // which retaliation counts at 2
      /黑社会(?=[^]*(?:威胁|恐吓))|(?<=(?:威胁|恐吓)[^]*)黑社会/u,
      // force used on residents' homes: "采取暴力手段违法强拆居民房屋", "暴力拆迁"
      new RegExp(`暴力${C}{0,8}(?:强拆|拆迁|拆除|驱赶|清场)`, 'u'),
      // people who object seized: "已经秘密抓捕了数名村民"
      new RegExp(`(?:抓捕|抓走|带走|拘留)了?${C}{0,4}(?:村民|业主|居民|工人|群众|维权)`, 'u'),
    ],
  },
  {
    kind: 'group',
    level: 3,
    standsAlone: true,
    words: [
      '堵门', '堵大门', '堵厂门', '堵住大门', '围堵', '拦路',
      '拉横幅', '举横幅', '打横幅', '挂横幅', '横幅', '横额', '橫額', '橫幅', '拉条幅', '联名', '遗像', '棺材', '堵着不让', '坐喺度', '谁也别想', '谁都别想', '举牌', '上访', '集体上访', '进京', '联名信', '联名上书', '联名举报', '联名写', '请愿',
      '静坐', '群访', '闹访', '集体信访', '集访', '越级上访', '赴京上访', '进京上访', '停工讨薪', '集体讨薪', '集体维权', '群体性', '肢体冲突', '发生冲突', '闹事', '围攻', '抬棺', '停尸',
      // joint letters in the forms random letters use (连名 is the common miswriting of 联名)
      '连名', '请命书', '请愿书', '联合签名', '集体签名', '共同签名', '联署', '万人签名',
      // seventh round: signatures written as 签字 like the 签名 forms above
      '联合签字', '集体签字', '共同签字',
    ],
    // "堵住了公司大门", "围在人社局门口", "几十个老职工都坐到县社保局门口了", "去工地门口睡"
    patterns: [
      // not the 围 of "厂区周围马路" nor the 堵 of "交通拥堵"
      // (nor cars blocking a junction: "被买菜的车辆堵住路口")
      // (nor a jam reaching a gate, "堵车至小区门口", nor a clause ending between: "车被堵，马路上车位不够")
      new RegExp(`(?<![周拥外包])(?<!车辆?|车子)(?:堵(?![车塞])|围(?![栏墙挡网]))(?:住|了|在|着)?${C}{0,6}(?:大门|门口|路口|马路|公路|厂门|项目部|售楼部)`, 'u'),
      new RegExp(`把${S}{0,6}(?:大门|门口|路口|马路|公路|厂门)(?:给)?(?:堵|围)`, 'u'),
      // people blocking a road, not stalls or cars ("商贩沿街摆摊…堵路", "车辆剐蹭后堵路")
      new RegExp(`(?<!(?:商贩|摊贩|摆摊|地摊|车辆|车子|剐蹭)${C}{0,6})堵路`, 'u'),
      // (not volunteers keeping order: "守在两个路口斑马线两侧维持交通秩序")
      new RegExp(`(?:坐|守|跪|躺|睡|蹲|聚)(?:到|在)${S}{0,8}${PROTEST_PLACE}(?!${C}{0,12}(?:维持|执勤|值班|指挥|疏导))`, 'u'),
      new RegExp(`(?:去|到)${S}{0,8}(?:门口|大门口?|项目部|工地上?)(?:坐着|守着|跪着|躺着|睡|静坐|蹲着|守)`, 'u'),
      new RegExp(`(?:把人(?![民员才家的])|把尸体|把遗体|把棺材)${S}{0,4}(?:抬|放|停)`, 'u'),
      // a body kept where it makes a protest (a hospital asking the family to move a body is not one)
      new RegExp(`(?:遗体|尸体|棺材)${C}{0,6}(?:停放在|停在|摆在|放在|抬到|抬进|抬去)${C}{0,8}(?:门口|大门|大厅|政府|厂|公司|项目部|医院)`, 'u'),
      // "在砖厂门口守了三天", "今天全厂工人停工去社保局"
      new RegExp(`在${S}{0,6}(?:门口|大门口?|项目部|政府)${S}{0,2}(?:守|坐|跪|躺|睡|蹲|堵|拉)`, 'u'),
      new RegExp(`(?:停工|罢工|集体)${S}{0,4}(?:去|到)${S}{0,6}(?:政府|社保局|人社局|劳动局|信访)`, 'u'),
      // "明天全部去项目部门口堵着", "大家明早八点在公司门口集合", "在包工头家门口等了一天一夜", "堵到"
      new RegExp(`(?:门口|大门|项目部|楼下)${S}{0,6}(?:堵着|堵到|堵住|集合|等了一天|等了一夜|守着|坐着不走|不走了|谁也别想)`, 'u'),
      new RegExp(`(?:全体|全部|所有人|大家|我们)${S}{0,6}(?:去|到)${S}{0,8}(?:门口|大门)`, 'u'),
      new RegExp(`(?:塔吊|楼顶|门口|外面)${S}{0,4}(?:坐了|坐满|站满|围了)`, 'u'),
      new RegExp(`(?:一起|集体|全体|都)${C}{0,4}(?:去|到)${S}{0,6}(?:县里|(?<![小社园景城])区里|市里|省里|县上|市上)${S}{0,6}(?:找领导|讨说法|要说法|要个说法|反映|上访)?`, 'u'),
      // "社保局门口聚了好多人，举着牌子"
      new RegExp(`${PROTEST_PLACE}${S}{0,4}(?:聚|围|坐|跪|躺)(?:了|着|满)`, 'u'),
      new RegExp(`(?:聚|围)(?:了|着)${S}{0,3}(?:好多|很多|一群|一大群|一大帮|几十|上百)(?:个)?人`, 'u'),
      // (not a sign held up to meet children or customers: "托管机构就举着牌子到小学来接")
      new RegExp(`举着?${S}{0,12}(?:牌子|标语|纸板|遗像)(?!${C}{0,10}(?:接|招|揽|迎))`, 'u'),
      // "把他屋头门堵到", "十几个人把物业办公室堵了", "家属把矿口围了", "把挖掘机拦住了"
      new RegExp(`把${S}{0,10}(?<!不)(?:堵到|堵了|堵住|围了|围住|拦住|拦了)`, 'u'),
      // "上高速口那儿躺着", "去市政府门口跪", "门口打地铺"
      new RegExp(`(?:高速|路口|马路|大门|门口|大厅)${S}{0,4}(?:躺着|跪着|跪|打地铺|过夜)`, 'u'),
      // sitting in until answered: "坐着不走", "今天我就坐在你们大厅不走了", "不给答复就不走"
      new RegExp(`(?:坐|待|守|睡|躺)${S}{0,8}不走`, 'u'),
      new RegExp(`就不(?:走|回来|离开)`, 'u'),
      // meeting up to go together: "周一上午九点，宣汉县信访局集合", "在西外汽车站碰头，一起去开发商售楼部"
      new RegExp(`(?:信访|政府|人社局|社保局|门口|售楼部|项目部)${S}{0,4}(?:集合|碰头)`, 'u'),
      new RegExp(`(?:集合|碰头)${S}{0,10}(?:信访|政府|人社局|社保局|售楼部|项目部)`, 'u'),
      new RegExp(`(?:一起|集体|都)去${S}{0,10}讨(?:个)?说法`, 'u'),
      // "明天都去县政府门口", "不给就大家一起去高速路口", "联名去信访局", "堵了国道", "我们就睡工地门口"
      new RegExp(`(?:都|一起|集体|全部|大家|联名)去${S}{0,6}(?:政府|市委|县委|区委|信访|高速|国道|路口|${S}{0,4}门口)`, 'u'),
      new RegExp(`(?<!车辆?|车子)堵(?:了|住|过)?${S}{0,2}(?:国道|高速|马路|公路|路口)`, 'u'),
      // past and ongoing group actions in a letter's history: "多次到市政府", "业主们多次去信访局", "大量员工在厂门口进行维权"
      // (到 as a verb's ending is not going: "让我们能感受到市政府的关怀", "反映到市政府")
      new RegExp(`(?:多次|反复|集体|一起|大家|我们|业主们?|工人们?|职工们?|员工们?)${S}{0,6}(?:(?<![感受看听想得收找做达遇映应报])到|去|赴|前往)${S}{0,8}(?:市政府|县政府|区政府|省政府|市委|县委|省委|信访|北京|省里)`, 'u'),
      new RegExp(`(?:大量|大批|一群|众多|几十|数十|上百|百余|全体)${S}{0,6}(?:门口|政府|现场|厂门|厂区|项目部)${S}{0,6}(?:维权|讨说法|讨薪|抗议|聚)`, 'u'),
      // "组织数百人维权", "曾有大规模群众维权", "全体居民多次信访"
      new RegExp(`(?:${MANY}[多余几来]?人|大规模|全体${S}{0,4}(?:居民|业主|职工|工人|村民|教师))${S}{0,8}(?:维权|抗议|信访|请愿|静坐|示威)`, 'u'),
      // within a clause: "住宿时，每天房门口…" is a hotel stay
      // (nor the 住 of blocking: "护栏堵住了门口"; ＿ is a masked 堵)
      new RegExp(`(?:睡|(?<![堵围＿])住(?![户宅房])|躺)(?:到|在)?${C}{0,6}(?:门口|大厅|办公室|项目部)`, 'u'),
      // people gathering, not a place where shops, cars or birds gather ("聚集场所", "黑车聚集", "人员聚集打麻将")
      // (the people in a lookbehind: the reason names 聚集 itself)
      new RegExp(`(?<=(?:${PEOPLE}|人们|大家|我们)(?![员口流])(?:们)?${C}{0,8})聚集(?!场所|地|区|之地|着|的)`, 'u'),
      new RegExp(`聚集(?:到|在)${C}{0,8}${PROTEST_PLACE}`, 'u'),
      // eighth round (batches 7 and 8): a gate blocked ("有次还堵了车库门"), protest flags hung ("纷纷挂出抗议白旗"; not the
      // slogans an office hangs), residents protesting or organising together ("村民多次抗议", "村民自发组织"), a rights
      // action taken part in ("询问我是否参与房屋维权行动")
      new RegExp(`(?<![周拥])(?<!车辆?|车子)堵(?:了|住)${C}{0,4}门(?![槛票])`, 'u'),
      // a strike, not a lamp or a lift that stops working ("照明灯也开始罢工", "电梯经常卡顿罢工")
      new RegExp(`(?<!(?:灯|梯|机|电脑|空调|设备|系统|网络|水泵|冰箱|身体|胃|车)${C}{0,12})罢工`, 'u'),
      new RegExp(`挂(?:出|起|上|了)${C}{0,6}(?:白旗|抗议)`, 'u'),
      // ninth round: drivers stopping work together ("出租车已停工半个月", "的士司机集体停运")
      new RegExp(`(?:出租车|的士|网约车)(?:司机)?${C}{0,6}(?:停工|停运|罢运)`, 'u'),
      // a rights action at an office or its gate ("业主与商户在区政府维权", "曾在一报社门口维权"); residents' protest
      // ("引起周边小区居民的强烈抗议")
      new RegExp(`在${C}{0,10}(?:政府|市委|县委|区委|信访局?|门口|大门)${C}{0,2}(?:维权|抗议|静坐|请愿|讨说法|拉横幅)`, 'u'),
      new RegExp(`(?:居民|业主|村民|群众|家长|职工|工人)(?:们)?(?:的)?${C}{0,2}(?:强烈|集体)?抗议`, 'u'),
      new RegExp(`(?:村民|业主|居民|工人|职工|群众|家长|员工|商户)(?:们)?${C}{0,6}(?:多次|纷纷|自发)${C}{0,4}(?:抗议|维权|抵制|阻工|请愿)|(?:村民|业主|居民|群众)(?:们)?${C}{0,2}自发组织|纷纷${C}{0,6}(?:抗议|挂出|拉起|抵制)`, 'u'),
      new RegExp(`(?:参与|参加|组织|发起|业主|村民|工人|职工|我们)${C}{0,8}维权(?:行动|活动)`, 'u'),
      // stopping vehicles in protest, not hailing a car or a barrier post ("拦车揽客", "拦车桩")
      new RegExp(`拦(?:住|下)(?:了)?${C}{0,6}(?:车辆|渣土车|货车|工程车|挖掘机|施工车)`, 'u'),
      // tenth round (batch 13): a road closed by people, not by an office or a site ("请问某局有何权力封路", "工地封路")
      new RegExp(`(?:村民|居民|群众|业主|工人|农民工|家属|我们)${S}{0,8}(?:封(?:了|住)?(?:路|道路|马路)|把${C}{0,6}路${C}{0,2}封)`, 'u'),
      // a crowd at a government ("100多位受害者齐聚省政府", "几百名受害人再次造访省委"); many visits up to the province
      // ("多次找县、市、省政府")
      new RegExp(`(?:齐聚|造访)${C}{0,4}(?:省政府|市政府|县政府|区政府|省委|市委|县委|区委|信访)`, 'u'),
      new RegExp(`(?:多次|反复|屡次|一再)找${S}{0,12}(?:省政府|省委|北京|信访)`, 'u'),
      // owners or villagers assembling to go to the offices together ("小区业主多次集结起来跟环保局…反映")
      new RegExp(`(?:业主|村民|居民|工人|职工|群众|员工)(?:们)?${C}{0,6}集结`, 'u'),
    ],
  },
  {
    kind: 'threat',
    level: 3,
    standsAlone: true,
    // threats of harm against a worker or a resident: "扬言要打死他", "扬言伤人"
    words: ['扬言打死', '扬言要打死', '扬言弄死', '扬言伤人', '扬言报复', '扬言要报复', '要打死', '打死你', '弄死他', '不给个说法就不走', '不给说法就不走', '不解决就不走', '不给钱就不走', '讨不到说法不罢休'],
    // "再不给钱就只能去县政府了", "下个月要是还没答复，就一起去省里", "后天要是还不出面，就把人抬到项目部去".
    patterns: [
      new RegExp(
        `(?:再不|还不(?!是)|再拖|再没|还没|要是|如果|如若|倘若|假如|若是|万一|再唔|不给${S}{0,6}的话|(?:不给|不发|不还|不赔|不解决|唔畀)${S}{0,4}(?=就|我就|我们就))${S}{0,20}(?:就|只能|只好|只有|只得)(?:(?!呼吁|反映|反应|投诉|举报|写信|留言|求助|申诉|怎么办)${S}){0,12}` +
          // (appealing to a higher government is not a threat: "我们只能不停呼吁各级政府", "只能向市政府反映"; nor a worry
          // about someone else: "万一开发商就中途跑路怎么办，政府…")
          `(?:(?:政府|市里|县里|省里)(?!${C}{0,4}(?:反映|反应|投诉|举报|写信|留言|求助|申诉|呼吁))|北京|信访|上访|(?<![不拥])堵|路障|横幅|横额|讨个说法|闹|门口|大门|项目部|工地|厂里|楼顶|楼上|天台|跳|抬|拼命|拼了|一起走|去死|死给|死在)`,
        'u',
      ),
      new RegExp(`(?:大家|我们|工友们|全体|兄弟们|一家人|全家)${S}{0,6}(?:一起|都|集体|组织|商量好)${S}{0,6}(?:去|到)${S}{0,8}(?:政府|市委|县委|省里|北京|人社局|劳动局|社保局|门口)`, 'u'),
      // tenth round (batch 13): a group's next step ("我们组就要依法信访解决了")
      new RegExp(`(?:我们|大家|全组|全村|村民们?|业主们?|工人们?)${C}{0,3}(?:就要|就将|将要)${C}{0,4}(?:信访|上访)`, 'u'),
      // an ultimatum without 如果: "我们就按说好的去市里了", "八十多个工友就去市委门口"
      // (not an errand: "就是去北京总部调查")
      new RegExp(`就${S}{0,6}去${S}{0,4}(?:市里|县里|省里|北京|市委|县委|市政府|县政府|区政府|省政府|信访)(?!总部|出差|开会|学习|培训|看病|治病|读书|上学|打工|旅游)`, 'u'),
      // veiled: the writer says what is left to them is harsher means ("只能采取更激烈的办法"), or the next step
      // is going up ("下一步只能去找市政府"), or something drastic ("做出轰动全城的事")
      new RegExp(`(?:只能|只好|只有|不得不|被迫|将会|必将)${S}{0,4}(?:采取|采用|使用|用)${S}{0,8}(?:激烈|极端|过激|强硬|非常规|非常)${S}{0,4}(?:手段|方式|办法|措施|行动)`, 'u'),
      new RegExp(`下一步${S}{0,4}(?:只能|只好|只有|就|将|会)${S}{0,4}(?:拜访|去|到|找|走访)${S}{0,4}(?:政府|市里|县里|省里|北京|信访|上级|市委|县委|省委)`, 'u'),
      new RegExp(`做出${S}{0,6}(?:惊动|轰动|震惊|极端|过激)${S}{0,6}(?:大事|事情|事|行为|举动)`, 'u'),
      // eighth round: "不要逼着业主们通过走极端的方式", "守法的老百姓拿起武器"
      // (the match starts after 逼, so "不要逼着我们…" is not read as a denial of the threat)
      new RegExp(`(?<=逼${C}{0,10})(?:走极端|极端|绝路)|拿起武器`, 'u'),
      new RegExp(`用${S}{0,3}(?:生命|性命|命)${S}{0,6}(?:保护|捍卫|维护|换取|讨回|抗争)`, 'u'),
      // a rhetorical threat: "难道要我们去上访才能解决吗", "是不是非要闹到静坐才有人管"
      new RegExp(`(?:难道|是不是|莫非|非得|非要)${S}{0,8}(?:静坐|上访|闹事|闹大|闹到|闹[得出]|(?<!等到?${S}{0,2})出人命|拿起武器|拉横幅|堵路|堵门|跳楼|以死|极端|去北京|进京|群体)`, 'u'),
      new RegExp(`(?:静坐|上访|闹事|闹大|拉横幅|堵路|堵门|跳楼|以死相逼|走极端|去北京|进京)${S}{0,8}才(?:能|会|肯|有人|给|可以)`, 'u'),
    ],
  },
  {
    kind: 'safety',
    level: 2,
    standsAlone: true,
    context: /工地|工厂|厂里|厂房|矿|车间|机器|事故|摔|砸|压|电死|塌|上班|干活|作业|施工|井下|架子|工伤|工亡|项目|老板|包工头|工友|工人/u,
    words: ['死亡', '身亡', '伤亡', '遇难', '丧命', '致死', '出人命', '人没了', '死了一个', '死了人', '工亡', '摔死', '砸死', '电死', '压死', '绞死', '烧死', '淹死', '闷死', '重伤', '截肢', '瘫痪', '植物人', '昏迷', '没醒', '抢救', 'ICU', '重症监护', '安全事故', '坍塌'],
    // "被机器卷进去人没了", "从架子上摔下来"
    // (not annoyance: "被噪音扰得快烦死了")
    patterns: [new RegExp(`被${S}{0,8}(?:(?<![烦吵气累热笑困愁急闷])死|卷进去)`, 'u')],
  },
  {
    kind: 'injury',
    level: 2,
    words: ['砸伤', '烧伤', '骨折', '压断', '绞伤', '压伤', '割伤', '炸伤', '烫伤', '轧断', '切断', '截掉', '手指没了', '缝了', '尘肺', '矽肺', '职业病', '摔下来', '摔伤', '中毒', '伤到'],
    // "腰杆断了", "手臂压断" — not "社保断了" or "网断了"
    patterns: [
      new RegExp(`(?:腰|腿|手|胳膊|臂|肋骨|骨头|脊椎|脖子|指|脚)${S}{0,2}断了`, 'u'),
      // "被冲压机压掉了两根手指", "被切割机伤到手"
      new RegExp(`被${S}{0,8}(?:压|切|绞|轧|砸|夹|锯|卷|烫|炸|撞)(?:掉|断|伤|烂|坏|死)`, 'u'),
    ],
  },
  {
    kind: 'crowd',
    level: 2,
    words: [
      '全厂', '整个厂', '全公司', '整个公司', '全村', '整个村', '全体员工', '全体职工', '全体工人', '所有工人', '所有员工',
      '所有农民工', '全体业主', '所有业主', '全体教师', '全体老师', '全体村民', '全体司机', '大量员工', '大量职工', '大批', '成千上万', '全体', '全年级', '全校', '多数职工', '老师们', '同事有很多', '情况的人很多', '很多人都', '整个工地', '全工地', '整个车间', '全车间', '整个项目', '一个村的', '全小区', '整个小区', '整栋楼', '整栋宿舍', '全楼', '整个社区', '全社区', '几十户', '上百户', '一大批', '一批人',
      '集体投诉', '集体举报', '联合投诉', '联合举报',
    ],
    // "80名工人", "几十个农民工", "十四个老师和保育员", "光我们组就有十七个": how many are affected is itself a signal.
    patterns: [
      new RegExp(`${COUNT}[多余几来]?[个名号位户家]?${PEOPLE}`, 'u'),
      new RegExp(`${COUNT}[多余几来]?[个名位](?=[，。、！？,.!?]|都|全|一起|也|还|被|没)`, 'u'),
      // 名 and 位 count only people: "二十余名合同制护士"
      new RegExp(`(?<![第前排])${COUNT}[多余几来]?[名位](?!次|置|列)`, 'u'),
      // the quantifier on the people themselves ("大量职工", "所有的业主"), not across a clause ("大量停车位，保安")
      new RegExp(`(?:众多|大量|全体|所有|多数|大部分)(?:的)?${PEOPLE}`, 'u'),
      // children counted: "40多个小孩" (小孩 alone is one family's child)
      new RegExp(`${COUNT}[多余几来]?[个名位]?(?:小孩|小朋友)`, 'u'),
      // a writer speaking for the people who share the grievance: "我们小区业主", "我们单位职工", "我们农民工"
      // (on the dev part, "很多考生", "附近居民", "大家都" and "我们家长" were mostly one person's complaint: left out)
      /(?:我们|咱们)(?:小区|村|社区|单位|厂|公司|组|这批|这些)?(?:的)?(?:居民|住户|业主|村民|职工|员工|工人|工友|退休人员|邻居|农民工)/u,
      // sixth round (random letters): the writer introduces the letter as a whole estate's or village's ("我们是某某村村民",
      // "我们是某小区的业主"); "我是…业主" is one household
      new RegExp(`我们(?:是|系|都是)${C}{0,20}(?:村民|居民|业主|住户|组民)(?![委会])`, 'u'),
      // a measure imposed on a whole workforce or a whole estate: "强制要求职工购买车位", "逼迫职工缴纳", "强制学生实习"
      // within one clause: "强制性标准，居民…" is a standard, not a measure imposed on residents
      new RegExp(`(?:强制|强行|逼迫|强迫|硬性)${C}{0,4}(?:要求)?${C}{0,2}(?:职工|员工|工人|学生|家长|业主|居民|老师|教师|村民|司机)`, 'u'),
      new RegExp(`(?:职工|员工|工人|业主|家长|居民|村民|老师|教师|学生|司机|考生)们`, 'u'),
      // a class of workers wronged as a whole: "侵害铁路职工权益", "国企老工人养老金过低", "下岗职工"
      new RegExp(`(?:职工|员工|工人)${S}{0,2}(?:权益|利益|福利)`, 'u'),
      // (not who the writer or a relative is: "我父母是矿务局的退休工人")
      new RegExp(`(?<!是${C}{0,16})(?:老工人|老职工|下岗职工|退休工人|改制企业职工|农民工们)`, 'u'),
    ],
  },
  {
    kind: 'media',
    level: 2,
    words: [
      '曝光', '记者', '找媒体', '联系媒体', '媒体报道', '报社', '热搜', '发抖音', '发到抖音', '发快手', '微博上', '发网上', '发到网上', '网上曝光', '电视台',
      '舆论', '上新闻', '让大家都看看', '让全网', '发视频',
    ],
  },
  {
    kind: 'repeat',
    level: 2,
    words: [
      '多次反映', '反映多次', '多次投诉', '反复反映', '屡次', '一直没人管', '一直没解决', '一直拖着', '投诉无门', '讨薪无门',
      '反映了好几次', '投诉了好几次', '找了好几次', '跑了好几趟', '石沉大海', '至今未', '至今没', '至今还没', '无数次', '三番五次', '几次三番',
      '长达', '年至今', '迟迟', '一拖再拖', '一再反映', '一再投诉', '再三反映', '没有任何进展', '没有任何回复', '没有任何答复', '没有任何消息', '没有任何结果', '一次回复都没有', '一直没有回复', '一直没有结果',
      // fifth round (random letters): a problem that outlasts every attempt
      '不了了之', '久治无效', '久拖不决',
    ],
    patterns: [
      // Waiting: "拖了半年", "停发五个月", "等了一年多还没解决", "一拖十五年"
      // (not leave taken: "申请了6个月病假")
      new RegExp(`(?:拖了|等了|欠了|停了|停发了?|申请了|反映了|投诉了|催了|问了|一拖(?:就是)?)${S}{0,2}${LONG}(?!的?[病产婚事]?假)`, 'u'),
      new RegExp(`(?:拖欠|欠|拖)${S}{0,6}${LONG}`, 'u'),
      // Trying again and again: "问了不下五次", "打了四次电话", "反映了不下二十次", "补了五次"
      new RegExp(`(?:跑了|反映了|投诉了|找了|催了|问了|打了|写了|去了|补了|交了|来回跑了|多次)${S}{0,2}(?:不下|不止|至少|好)?(?:${TIMES}|好几次|多次|好几趟|好多次)`, 'u'),
      new RegExp(`(?:多次|反复|屡次|再三|一再|数次|好几次|几次)${S}{0,6}(?:找|去|到|打|拨打|电话|问(?!题)|询问|反映|投诉|举报|催|联系|沟通|申请|上门|来电|写信|留言|交涉)`, 'u'),
      // the addressees listed between: "多次向环保热线以及城管投诉"
      new RegExp(`(?:多次|反复|屡次|一再|数次|好几次)向${S}{0,16}(?:投诉|反映|反应|举报|求助)`, 'u'),
      // written again, said in the body: "这是我第二次投诉", "第三次向您反映"
      new RegExp(`第[二三四五六七八九十]次(?:向${S}{0,10})?(?:投诉|反映|反应|举报|求助|留言)`, 'u'),
      // many offices tried, or asked for years: "找了好多部门都在推诿", "当地群众已经呼吁多年了"
      /找(?:了|过)(?:好多|很多|多个|好几个|几个)(?:部门|单位|地方)/u,
      new RegExp(`(?:呼吁|反映|反应|投诉|举报)(?:了)?(?:多年|好几年|数年|${LONG})`, 'u'),
      // "已经四个多月了", "都快半年了" — not "干了快三年了" (how long someone has worked)
      // (only filler words between: "已经买了4年了" is how long something was owned; waits with a verb are above)
      // (tenth round: 已 alone, "路灯不亮已有大半年了")
      new RegExp(`(?<!(?:干|做|工作|上班|打工|交|缴|学|住|待)了?)(?:已经|已|都快|快|足足|整整|过去)(?:有|快|近|将近|了|过了|过去了?)?${LONG}了`, 'u'),
      // (not a supposition: "5年假如还没解决…")
      new RegExp(`${LONG}了?(?:(?!如果|假如|要是|若是)${S}){0,4}(?:还|都|也|仍|依然)?(?:没有?|未|不|毫无|无)(?:解决|处理|发|给|到账|下款|下来|回复|答复|回音|结果|结论|下文|人管|消息|动静|批|进展|落实|补上|公布|纠正|兑现|退|安置|到位|改善|整改)`, 'u'),
      // still not done, however long: "至今杳无音讯", "一直未得到解决", "多次求助，都无果"
      /(?:至今|迄今)(?:仍|还|都|也)?(?:未|没|不见|杳无|拿不到|得不到|不给|无)/u,
      new RegExp(`(?:一直|始终|长期)(?:都|也|还)?(?:未|没有?|无|不给|得不到|拿不到)${S}{0,4}(?:解决|落实|答复|回复|结果|处理|着落|分配|安排|兑现|到位|到账|消息|音讯|下文|进展|回音|办理)`, 'u'),
      // asking or suffering all along: "一直咨询", "一直在反映", "长期忍受", "常年饱受"
      /一直(?:在)?(?:咨询|反映|投诉|催促?|追问|申诉)|(?:长期|常年|多年)(?:忍受|遭受|饱受|承受)/u,
      /(?:一直|始终|均|都|仍然?)无果/u,
      // asked many times, however written: "投诉多次", "多次求助物业", "致电数次"
      // (tenth round: "居民n次投诉、信访" — n for "countless")
      new RegExp(`(?:投诉|反映|反应|举报|求助|致电|咨询|联系|打电话|找|催|上门)(?:过|了)?(?:多次|数次|无数次|好多次|很多次|好几次|${TIMES})|(?<![A-Za-z])[nN]次${C}{0,2}(?:投诉|反映|举报|信访|上访|求助)`, 'u'),
      new RegExp(`(?:多次|反复|屡次|再三|一再|数次|好几次)${S}{0,6}(?:求助|致电|咨询|反应|协商|报案|报警)`, 'u'),
      // sixth round (random letters): tried and nothing came of it ("多次协商无果", "报警均无果"); reported to the police
      // again and again ("报案多次"); every call or every report ("每次打12345", "一次又一次"); a count with 共计 between
      /(?:协商|沟通|交涉|反映|反应|投诉|求助|举报|报警|报案)(?:均|都|也|仍|一直|始终)?无果|(?:报案|报警)(?:过|了)?(?:多次|数次|好几次|很多次)|每次(?:打|拨打|投诉|反映|举报|找)|一次又一次|一次次/u,
      new RegExp(`(?:投诉|反映|举报|拨打|打电话|致电)(?:了)?(?:共|共计|总共|累计|前后|先后)(?:有)?(?:${TIMES}|[1-9]\\d?[多几余来]?次)`, 'u'),
      // "都过一年了" (on the dev part "近20年", "存在多年" and "到现在也没" were as often background as a wait: left out)
      new RegExp(`(?:都过|过了)${LONG}了`, 'u'),
      // a follow-up letter: the title (the board's first line) says it is written again, "再次反映…", "关于…的再反映"
      /^[^\n]{0,40}?(?:再次|再一次|又一次|第[二三四五六七八九十]次|二次|三次|再)(?:反映|投诉|求助|质疑|呼吁|请求|恳请|举报|申诉)/u,
      // reported before and still not done: "上次反映的…仍没有得到解决", "此前投诉过，至今依然未处理"
      new RegExp(`(?:上次|上回|此前|之前|前期|曾经?|去年)${S}{0,6}(?:反映|反应|投诉|留言|求助|举报)${S}{0,24}(?:仍|还|依然|依旧|仍然|一点都?)(?:是)?(?:没|未|不见|无)`, 'u'),
      /(?:仍|依然|依旧|仍然)(?:没有?|未能?)(?:得到|被|予以)?(?:解决|处理|落实|答复|回复|整改)/u,
      // a wait of nearly N years up to now: "近两年来一直停水", "围挡近3年了" (not "最近两年", a time window)
      new RegExp(`(?<!最)(?:近|将近|已近)${LONG}(?:了|来|以来|之久)`, 'u'),
      // "至今（2019年1月）还没有发放": a date in brackets between 至今 and the verdict
      /(?:至今|迄今)[（(][^）)]{1,16}[）)](?:仍|还|都|也)?(?:未|没|不见|杳无|拿不到|得不到|不给|无)/u,
      // "反映两回了，没人理"
      new RegExp(`(?:反映|投诉|找|问|打电话|写信|去)了?(?:两|二|几|好几|多)(?:次|回|趟|遍)${S}{0,8}(?:没人|没有人|不理|没回|没有回|没结果|没下文|没用|没动静)`, 'u'),
    ],
  },
  {
    // Who bears the harm: a complaint about a disabled worker's pay or a sick pensioner's stopped pension is more urgent.
    kind: 'vulnerable',
    level: 2,
    words: ['残疾人', '残疾', '重病', '癌症', '尿毒症', '白血病', '孤寡', '孤儿', '留守儿童', '低保户', '五保户', '孕妇', '怀孕', '未成年', '童工', '八十多岁', '九十多岁', '80多岁', '90多岁', '卧病在床', '瘫痪在床', '老弱病残', '走投无路', '无依无靠', '无家可归'],
  },
  {
    kind: 'retaliation',
    level: 2,
    words: ['打击报复', '报复我', '被报复', '威胁', '恐吓', '黑恶', '黑社会', '扬言要', '辱骂', '穿小鞋', '秋后算账', '杀鸡儆猴', '敢开口的下场', '找理由开', '找借口开', '当众骂'],
    // "投诉之后就被辞退了", "问了一句…第二天主管就把我调去守仓库", "带头问的三个人全都被开了".
    patterns: [
      new RegExp(
        `(?:投诉|举报|反映|仲裁|维权|讨薪|告了|问了一句|提了一句|要求|带头|申请|讨要|理论|问人事|问老板|说要)${S}{0,24}` +
          `(?:被|就被|把我|将我|给我|就把|全都被|都被|就说我|就喊我|就叫我|让我)${S}{0,10}(?:辞退|开除|解雇|炒了|开了|调岗|调去|调到|降|扣|威胁|赶走|拉黑|停工|不让上班|不用来了|走人)`,
        'u',
      ),
      // "谁要社保谁就走人"
      new RegExp(`谁${S}{0,6}谁就${S}{0,4}(?:走人|滚|开除|辞退|别干)`, 'u'),
    ],
  },
];

export interface CrisisSignal {
  kind: CrisisKind;
  level: Severity;
  words: string[];
  /** Counts even when the post is not a complaint (see SignalRule). */
  standsAlone: boolean;
}

/** Phrases that contain a signal word but are ordinary business: a death benefit claim, a sale. */
// "拥堵路段" is traffic, not a blocked road.
// prettier-ignore
const NOT_SIGNAL: readonly string[] = [...NOT_CRISIS, '因病死亡', '喝酒闹事', '酒后闹事', '醉酒闹事', '工亡补助', '一次性工亡', '工亡待遇', '工亡保险', '价格跳楼', '拥堵路', '堵车堵路',
  // an obstacle and a robbery, not a road blocked in protest; a crowded place, not a gathering
  '拦路虎', '拦路抢劫',
  // a traffic barrier, and the idiom for speaking up for the people
  '拦车桩', '拦车杆', '拦车器', '为民请愿',
  // seventh round: the anti-corruption saying, and money saved for one's old age
  '老虎苍蝇一起打', '苍蝇老虎一起打', '棺材钱', '棺材本',
  // eighth round: "自打我出生起" is "ever since"; pesticide on fields or as a smell; a mortuary; a road closed for works,
  // a jam; calling a hotline's human service
  '自打', '打农药', '喷农药', '施农药', '农药残留', '农药味', '类似农药', '停尸房', '修路堵路', '施工堵路', '堵路上', '打人工',
  // ninth round: phone calls and a torch, a blow of fortune, the noise of mahjong tiles, lowering costs, a road closed for
  // works, a letter that is itself the petition, places (not people) gathered, a figurative henchman, a quarrel heard at
  // night, forged signatures
  '打我电话', '打我手机', '打手机', '打手电', '推倒声', '减轻生', '工地封路', '施工封路', '向您请愿', '特此请愿', '这里聚集', '那里聚集',
  '充当打手', '喧闹、打骂', '造假签名', '伪造签名', '冒名签名',
  // tenth round: pesticide carried to the fields or made in a plant
  '农药化肥', '化肥农药', '运农药', '农药厂'];

/** Fillers between a subject and its verb: "落石又把路堵了", "护栏直接堵住了门口". */
const FILL = '(?:给|又|都|还|也|已经|直接|就|全|完全|总是|经常|竟然|居然|擅自|私自)?';
/** Things that block a way by themselves: rocks and earth, railings and hoardings, goods and rubbish. */
const THING =
  '(?:落石|碎石|飞石|大石头|石头|石块|塌方|滑坡|泥石流|山体|泥土|泥沙|淤泥|积雪|冰雪|倒树|大树|树木|树枝|栏杆|护栏|铁栏|围栏|隔离栏|隔离墩|水泥墩|石墩|铁门|围挡|挡板|货物|杂物|建材|材料|砖头|砖块|沙子|沙石|钢筋|纸箱|箱子|垃圾|渣土|广告牌|违建|违章建筑)';
/** Who puts up a barrier as a matter of business, not a crowd in protest (not someone who goes to it: "到物业把门堵了"). */
const ORG = '(?<![到去在找向跟和与对])(?:物业|开发商|施工方|施工单位|施工队|工程队)(?:公司|的人)?';
/** Why someone holds up a sign when it is no protest: meeting travellers, recruiting, bidding, guiding a tour. */
const SIGN_ERRAND = '(?:接(?![见受待访管])|招(?![致惹])|揽|迎|出价|应价|竞[拍价买标]|带(?:团|队|路|我们|游客|客人)|引导|指路|指引)';
/**
 * Crisis characters that are not a crisis where they stand, masked (only the character itself, so the words around
 * still count for other signals: "说我带头闹事，把我辞退了" is retaliation).
 */
// prettier-ignore
const NOT_SIGNAL_PATTERNS: readonly RegExp[] = [
  // a way blocked by a thing or by the estate's owner, not by people in protest: "山上落石把路堵了", "塌方堵住了公路",
  // "护栏堵住了门口", "建材堆在楼道里，把大门口堵了", "物业用栏杆把路口堵了" (a thing someone carries or puts there is
  // theirs: "村民用石头把路堵了", "搬来几块大石头堵路", "工人们把建材堆在门口" stay)
  new RegExp(`[堵拦围](?<=(?<!(?:把|将|用|拿|搬|扛|推|运|抬|找|拉|弄|搞|放|堆|拖|扔|砌|垒|竖|摆)${C}{0,5})${THING}(?:${FILL}把${C}{0,8}|(?:堆|放|摆|码|倒)${S}{0,8}把${C}{0,8}|${FILL})[堵拦围])`, 'gu'),
  new RegExp(`[堵拦围](?<=${ORG}${FILL}(?:用${C}{0,6})?把${C}{0,8}[堵拦围])`, 'gu'),
  // a drain or a fire lane blocked: "垃圾把下水道堵了", "商家把消防通道堵住了"
  /[堵拦](?<=把(?:下水道|下水管|排水沟|排水管|管道|马桶|水沟|涵洞|消防通道|安全通道|安全出口|楼道|过道)(?:给)?[堵拦])/gu,
  // a sign held up to meet people, recruit, bid or guide: "举牌子接人", "举牌的人说招普工", "拍卖会上我举牌出价", "导游举牌"
  new RegExp(`举(?=着?${S}{0,12}牌子?${C}{0,10}${SIGN_ERRAND})`, 'gu'),
  new RegExp(`举(?<=(?:导游|领队|拍卖|竞拍|竞买|接站|接机|招工|招聘|中介)${C}{0,8}举)`, 'gu'),
  // 闹事 as a label pinned on the writer or the workers, not a group action: "老板说我带头闹事要开除我",
  // "被扣上带头闹事的帽子", "主管说谁带头闹事就开除谁", "厂里说我煽动工人带头闹事" (a plan said aloud stays: "说我们明天一起去闹事")
  new RegExp(
    `闹事(?<=(?:说成?|说是|称|声称|诬称|骂|污蔑|诬蔑|诬陷|诬赖|诬告|冤枉|指责|指控|认定|定性为?|扣上|扣了|当作|当成|视为|视作|列为)` +
      `(?:我们?|咱们|俺们?|他们?|她|工人们?|工友们?|员工们?|职工们?|大家|谁)?(?:是|在)?(?:带头|挑头|聚众|蓄意|故意|恶意|参与|(?:煽动|挑动|挑唆|组织)${C}{0,6})?闹事)` +
      `|闹事(?=的?(?:帽子|罪名|名义)|为由)`,
    'gu',
  ),
];

/** Full-width digits as ASCII ("３００多户" counts like "300多户"); one character for one, so offsets hold. */
function asciiDigits(text: string): string {
  return /[０-９]/u.test(text) ? text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)) : text;
}

/** The characters NOT_SIGNAL_PATTERNS mask (堵拦围, 举, 闹事). */
const NOT_SIGNAL_CHARS = /[堵拦围举闹]/u;

/**
 * The text with the crisis characters that are no crisis where they stand masked ("落石把路堵了", "举牌接人",
 * "说我带头闹事"), or the text itself when there are none. The crisis model reads its n-grams from this, so a
 * character the rules set aside does not raise a post through the model either.
 */
export function withoutNonCrisisUses(text: string): string {
  // Most posts hold none of the characters the patterns mask: one scan instead of six.
  if (!NOT_SIGNAL_CHARS.test(text)) return text;
  let out = text;
  for (const re of NOT_SIGNAL_PATTERNS) out = out.replace(re, (m) => '＿'.repeat(m.length));
  return out;
}

function maskNonCrisis(text: string): string {
  let out = asciiDigits(text);
  for (const w of NOT_SIGNAL) if (out.includes(w)) out = out.split(w).join('＿'.repeat(w.length));
  return withoutNonCrisisUses(out);
}

/** "我们不想闹事", "没有上访", "不闹事": a crisis word right after one of these is a denial, not a signal. */
const DENIED_BEFORE =
  /(不想|不会|不愿|不愿意|不要|不打算|不准备|不敢|没有|没|不是|并非|并没有|避免|防止|绝不|禁止|严禁|不得|切勿|没得哪个|没有人|没人|谁也不|差点|差点儿|险些|本来|想过|考虑过|(?<![要再还若得])不)(?:去|来|要|想|打算|准备|是|哪里|什么|啥子|再|也|一起|就|拉|举|挂|打){0,3}$/;

/** A denial ends right before position `at` (it and its filler words fit in the nine characters before). */
function deniedAt(text: string, at: number): boolean {
  return DENIED_BEFORE.test(text.slice(Math.max(0, at - 9), at));
}

/**
 * Feared or warned against, not happening: "以避免…群体性事件发生", "担心爸妈会做出极端行为", "有打伤学生的危险".
 * The marker sits earlier in the same clause, or the risk word right after.
 */
const FEARED_BEFORE = /担心|担忧|害怕|后怕|生怕|恐怕|(?<![不哪])怕|以免|以防|避免|防止|谨防|预防|杜绝|不(?:想|希望|愿)(?:出现|看到)/u;
const RISK_AFTER = /^[^，。；！？,;!?\n]{0,4}?的?(?:危险|风险|隐患|苗头)/u;
function fearedAt(text: string, at: number, end: number): boolean {
  const clauseStart = Math.max(text.lastIndexOf('，', at), text.lastIndexOf('。', at), text.lastIndexOf('；', at), text.lastIndexOf('\n', at), at - 20);
  return FEARED_BEFORE.test(text.slice(clauseStart + 1, at)) || RISK_AFTER.test(text.slice(end, end + 10));
}

/** The words at [at, end) are asserted: neither denied nor only feared. */
function assertedAt(text: string, at: number, end: number): boolean {
  return !deniedAt(text, at) && !fearedAt(text, at, end);
}

/** The word occurs at least once asserted (see assertedAt). */
function occursAffirmed(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (assertedAt(text, at, at + word.length)) return true;
  }
  return false;
}

/**
 * Each rule's patterns with the characters one of which a match needs, and where each of its words could
 * start: a post is checked against the few patterns and words its characters allow (most posts hold no
 * 跳, no 堵, no 横), not against all of them.
 */
const PREPARED = RULES.map((rule) => ({
  rule,
  context: rule.context ? { re: rule.context, need: requiredChars(rule.context) } : null,
  patterns: (rule.patterns ?? []).map((re) => ({ re, need: requiredChars(re) })),
}));
/** Every rule word by the UTF-16 code of its first character: [rule index, word index]. */
const WORDS_BY_FIRST = new Map<number, [number, number][]>();
PREPARED.forEach(({ rule }, r) =>
  rule.words.forEach((w, k) => {
    const list = WORDS_BY_FIRST.get(w.charCodeAt(0)) ?? [];
    list.push([r, k]);
    WORDS_BY_FIRST.set(w.charCodeAt(0), list);
  }),
);
const textChars = new TextChars();

export function detectCrisisSignals(text: string): CrisisSignal[] {
  const t = maskNonCrisis(text);
  // Candidate words per rule, in the rule's order (the reasons list them in that order).
  const candidates: number[][] = PREPARED.map(() => []);
  textChars.mark(t, (c) => {
    const list = WORDS_BY_FIRST.get(c);
    if (list) for (const [r, k] of list) candidates[r]!.push(k);
  });
  const byKind = new Map<CrisisKind, CrisisSignal>();
  for (let r = 0; r < PREPARED.length; r++) {
    const { rule, context, patterns } = PREPARED[r]!;
    if (context && !(textChars.mayMatch(context.need) && context.re.test(t))) continue;
    const ks = candidates[r]!;
    if (ks.length > 1) ks.sort((a, b) => a - b);
    const found: string[] = [];
    for (const k of ks) if (occursAffirmed(t, rule.words[k]!)) found.push(rule.words[k]!);
    // A longer word that holds a shorter one ("集体上访" / "上访") is reported once.
    const words = found.length > 1 ? found.filter((w) => !found.some((o) => o !== w && o.includes(w))) : found;
    for (const { re, need } of patterns) {
      if (!textChars.mayMatch(need)) continue;
      const m = t.match(re);
      if (!m || !assertedAt(t, m.index!, m.index! + m[0].length)) continue;
      // the words as written, not masked ("带头闹事，把我辞退了", not "带头＿＿，把我辞退了")
      const shown = m[0].includes('＿') ? asciiDigits(text).slice(m.index!, m.index! + m[0].length) : m[0];
      if (!words.includes(shown)) words.push(shown);
    }
    if (!words.length) continue;
    const cur = byKind.get(rule.kind);
    if (!cur) byKind.set(rule.kind, { kind: rule.kind, level: rule.level, words, standsAlone: rule.standsAlone === true });
    else {
      cur.level = Math.max(cur.level, rule.level) as Severity;
      cur.words.push(...words.filter((w) => !cur.words.includes(w)));
    }
  }
  // Many people going somewhere together is a gathering: "我们村二十多个老人明天一起去县社保局".
  const crowd = byKind.get('crowd');
  if (!crowd || byKind.has('group')) return [...byKind.values()];
  // Many people acting together: "几百名业主自发维权", "全村联合抵制", "全体教师强烈抗议". The crowd and the act
  // must share a sentence: a letter names its 200 households in one place and "签字" (a contract), "维权" (a TV
  // programme) or "以示抗议" somewhere else, and that is no collective action.
  const joined = crowdActing(t, crowd.words);
  if (joined) byKind.set('group', { kind: 'group', level: 3, words: [joined], standsAlone: true });
  return [...byKind.values()];
}

// (签字同意 is consent to a plan, not a petition; ninth round: 强烈反对 / 坚决反对 and 签字 said by a named crowd were a
// collective action 6 times in 24 on the development letters — an objection or a signature, not a protest — so they are
// left to the crowd's severity 2; nor going to stop a neighbour's noise: "很多人都去制止")
// (nor going together to look, ask or work: "业主一起去楼盘了解")
const ACTING = new RegExp(
  `维权|抵制|抗议|联合起来|组织起来|自发组织|信访|上书|签名(?!同意|确认)|请愿|集体(?:决定|拒绝|拒收)|(?:一起|集体|全部|都)(?:去|到)(?!${C}{0,6}(?:了解|看看|看房|验房|参观|咨询|办理|上班|上学|吃饭|旅游|制止|劝))`,
  'gu',
);

/**
 * Who acts, written before the act in its sentence, once the letter has named its crowd: "我们将…抵制",
 * "业主纷纷…维权", "一些受害人…到A市维权".
 */
const ACTORS = new RegExp(`纷纷|(?:一些|许多|很多|不少|部分|众多)(?:的)?${PEOPLE}`, 'u');

/**
 * "crowd…act" when an undenied collective act has the crowd (or the writer speaking for it) as its actor in
 * its own sentence of `t`, else null.
 */
function crowdActing(t: string, crowdWords: readonly string[]): string | null {
  for (const sentence of t.split(/[。！？!?\n；;]/u)) {
    for (const m of sentence.matchAll(ACTING)) {
      if (!assertedAt(sentence, m.index!, m.index! + m[0].length)) continue;
      const before = sentence.slice(0, m.index!);
      const who = crowdWords.find((w) => sentence.includes(w)) ?? before.match(ACTORS)?.[0];
      if (who) return `${who}…${m[0]}`;
    }
  }
  return null;
}

/**
 * The strongest signal's level; with no signal, an ordinary complaint (negative, or a grievance
 * stated as fact) is 1 and anything else 0.
 */
export function severityOf(signals: CrisisSignal[], isComplaint = false): Severity {
  let level = isComplaint ? 1 : 0;
  for (const s of signals) {
    if (!s.standsAlone && !isComplaint) continue;
    level = Math.max(level, s.level);
  }
  return level as Severity;
}

/** Signals that counted towards the level (see severityOf), for the reasons. */
export function countedSignals(signals: CrisisSignal[], isComplaint: boolean): CrisisSignal[] {
  return signals.filter((s) => isComplaint || s.standsAlone);
}

export function severityReasons(signals: CrisisSignal[]): Reason[] {
  return signals.map((s) => ({ kind: 'crisis', crisis: s.kind, words: s.words }));
}
