// Severity 2 on letters, third round (issue 12): the forms real letters use for "asked before and still
// unsolved" and "waited nearly N years", and three misreadings that made ordinary complaints look urgent.
// Sentences here are written for the test, in the register of real letters; none is copied.
import { describe, expect, it } from 'vitest';
import { scoreText } from '../../analysis/index.ts';
import { detectCrisisSignals } from '../../analysis/severity.ts';
import { reasonText } from '../../analysis/reasons.ts';

const sev = (text: string) => scoreText(text).severity;
const repeat = (text: string) => detectCrisisSignals(text).find((s) => s.kind === 'repeat');
const crowd = (text: string) => detectCrisisSignals(text).find((s) => s.kind === 'crowd');

describe('a follow-up letter', () => {
  it('is a repeated complaint when its title says it is written again', () => {
    const s = scoreText('关于我县某路段路灯不亮问题的再次反映\n尊敬的领导：您好！我们这条路的路灯坏了，晚上出行很不方便，请相关部门尽快维修。');
    expect(s.severity).toBe(2);
    expect(s.reasons.map(reasonText).join()).toContain('重复投诉/久拖未决');
    expect(repeat('二次投诉某小区物业乱收停车费\n物业今年又把停车费涨了一倍，业主意见很大。')).toBeDefined();
  });

  it('is one when an earlier report is still not dealt with', () => {
    expect(sev('尊敬的领导：上次反映的小区门口污水外溢问题，到现在仍然没有人来处理，味道很大，请尽快解决。')).toBe(2);
    expect(sev('尊敬的领导：楼上漏水的问题物业仍未得到解决，我家墙面已经发霉。')).toBe(2);
  });

  it('is not one when the title only asks once', () => {
    expect(repeat('关于小区路灯不亮的反映\n尊敬的领导：我们这条路的路灯坏了，晚上出行很不方便，请尽快维修。')).toBeUndefined();
  });
});

describe('a wait of nearly N years', () => {
  it('counts "近两年来" and "近3年了" as a long wait', () => {
    expect(repeat('我们片区晚上经常停水，近两年来一直如此，给居民生活带来很大不便。')?.words.join()).toContain('近两年来');
    expect(sev('尊敬的领导：这段路的围挡立起来已近3年了，还没有开工，每天垃圾成堆，请问什么时候修？')).toBe(2);
  });

  it('does not count "最近两年" (a time window) nor how long something was owned', () => {
    expect(repeat('买房时售楼部要求提供最近两年的社保缴费记录，我想问问灵活就业的记录算不算。')).toBeUndefined();
    expect(repeat('这辆车我已经买了4年了，最近发动机老是异响，4S店说不在保修范围，太不合理。')).toBeUndefined();
  });

  it('reads 至今 across a bracketed date', () => {
    expect(repeat('上半年的燃油补贴至今（3月20日）仍未发放到司机手中，请问什么时候发？')?.words.join()).toContain('至今（3月20日）仍未');
  });

  it('does not count a supposition as a wait', () => {
    expect(repeat('听说这类补贴要逐级审核，5年假如还没批下来就作废了吗？我想先问清楚。')).toBeUndefined();
  });
});

describe('counts and measures', () => {
  it('reads 七八次 as asking many times', () => {
    expect(repeat('漏水的事我向物业投诉过七八次，每次都说马上派人。')?.words.join()).toContain('投诉过七八次');
  });

  it('keeps a measure imposed on people within one clause', () => {
    // a compulsory standard, then residents in the next clause: no measure imposed on residents
    expect(crowd('这是国家的强制性标准，居民自己装的热水器也要检查吗？')).toBeUndefined();
    expect(crowd('开发商强制要求业主购买车位，否则不给办理交房手续。')?.words.join()).toContain('强制要求业主');
  });
});

// Fifth round (batch 3, random letters): repeated and long-unresolved complaints in the forms owners and residents use.
describe('repeated complaints in the forms random letters use', () => {
  const repeat = (text: string) => detectCrisisSignals(text).find((s) => s.kind === 'repeat');

  it('reads reports made again and again, to many offices, or for years', () => {
    expect(repeat('楼下烧烤店的油烟，我们曾多次举报，始终没有处理结果。')).toBeDefined();
    expect(repeat('小区几位业主多次向环保热线和街道办投诉夜间施工。')).toBeDefined();
    expect(repeat('这是我第二次向您反映路灯不亮的事。')).toBeDefined();
    expect(repeat('为了这条排水沟我们找了好多部门，都在推诿。')).toBeDefined();
    expect(repeat('村里的老人呼吁多年了，桥还是没有修。')).toBeDefined();
    expect(repeat('之前反应的垃圾堆放问题一点都没有改变。')).toBeDefined();
    expect(repeat('去年说要整治占道经营，后来不了了之。')).toBeDefined();
  });

  it('reads a complaint signed by many as many affected', () => {
    expect(detectCrisisSignals('这栋楼的居民集体投诉过饭店的噪音。').map((s) => s.kind)).toContain('crowd');
    expect(scoreText('我们这栋楼的居民集体投诉饭店深夜噪音扰民，请尽快处理。').severity).toBe(2);
  });

  it('does not read a single report or a first letter as repeated', () => {
    expect(repeat('我想举报一家无证经营的饭店，请相关部门处理。')).toBeUndefined();
    expect(repeat('第一次在这里留言，想问一下办证的流程。')).toBeUndefined();
  });
});

// Sixth round (batch 4, random letters): tries that came to nothing, police reports made again and again, every call,
// a count with 共计 between; a letter introduced as a whole village's or estate's.
describe('repeated tries and a whole estate speaking (sixth round)', () => {
  const repeat = (text: string) => detectCrisisSignals(text).find((s) => s.kind === 'repeat');
  const crowd = (text: string) => detectCrisisSignals(text).find((s) => s.kind === 'crowd');

  it('reads tries that came to nothing and reports repeated in other words', () => {
    expect(repeat('幼儿园接送时间的事，我们和园方协商无果。')).toBeDefined();
    expect(repeat('茶楼里有赌博机，已经报案多次，没见人来查。')).toBeDefined();
    expect(repeat('每次打12345都说会转给街道，然后就没下文了。')).toBeDefined();
    expect(repeat('一次又一次地反映，工地还是半夜施工。')).toBeDefined();
    expect(repeat('油烟扰民的事我向热线投诉共计十来次。')).toBeDefined();
    expect(scoreText('烧烤店油烟扰民，我从五月起投诉共计12次，到现在没有解决。').severity).toBe(2);
  });

  it('does not read a first or single try as repeated', () => {
    expect(repeat('想问一下，协商不成的话可以去哪里申请调解？')).toBeUndefined();
    expect(repeat('昨天我报了一次案，派出所说会跟进。')).toBeUndefined();
  });

  it('reads a letter introduced as a whole village or estate as many affected, one household as one', () => {
    expect(crowd('我们是河口乡青山村村民，村里的自来水管坏了三个月。')).toBeDefined();
    expect(crowd('我们是城南某小区的业主，小区门口的路灯全坏了。')).toBeDefined();
    expect(scoreText('我们是东坝镇新桥村村民，村道被渣土车压坏了，一下雨就没法走。').severity).toBe(2);
    expect(crowd('我是城南某小区的业主，楼上装修太吵。')).toBeUndefined();
    expect(crowd('我们是城南某小区业委会的成员，想咨询换物业的流程。')).toBeUndefined();
  });
});

// Eighth round (batches 1 and 6): words that look like a sign of seriousness and are not one.
describe('counts, dates and leave that are no sign of many affected or a long wait (eighth round)', () => {
  const kinds = (text: string) => detectCrisisSignals(text).map((s) => s.kind);

  it('does not count a small number or the writer’s own family as many people', () => {
    expect(kinds('学校搞期末排名，结果班上不到10个学生及格，这样的制度有什么用？')).not.toContain('crowd');
    expect(kinds('我父亲是矿务局的退休工人，去年住院的费用医保只报了一半。')).not.toContain('crowd');
    // the class of workers wronged as a whole still counts
    expect(kinds('改制以后，厂里的退休工人到现在都没有拿到补贴。')).toContain('crowd');
  });

  it('reads a year and a leave as dates, not as a wait of years or months', () => {
    expect(kinds('单位工会2019年度从未发过任何福利给我们临时工。')).not.toContain('repeat');
    expect(kinds('我生病后向单位申请了6个月病假，回来就被调了岗。')).not.toContain('repeat');
    // a real wait still counts
    expect(kinds('工资拖了6个月，一分钱都没有发。')).toContain('repeat');
  });
});
