// Severity and topic by the bureau's definitions (issue 6): severity is about escalation, not about
// how angry the words are; topics are stable ids with Chinese labels for staff.
import { describe, expect, it } from 'vitest';
import { scoreText, TOPICS, TOPIC_LABELS, topicLabel } from '../../analysis/index.ts';

const sev = (text: string) => scoreText(text).severity;
const reasons = (text: string) => scoreText(text).reasons.join('；');

describe('severity is not negativity', () => {
  it('rates a calm report that 80 workers are unpaid 2, a furious one-person complaint 1', () => {
    const calm = scoreText('我们厂80名工人的工资已经三个月没发了。');
    expect(calm.severity).toBe(2);
    expect(calm.reasons.join()).toContain('危机信号（涉及人多）：80名工人');
    const furious = scoreText('气死我了！！！老板拖欠我工资，垃圾公司，太过分了！');
    expect(furious.sentiment).toBe('negative');
    expect(furious.severity).toBe(1);
    expect(furious.reasons.join()).toContain('严重度 1：一般投诉');
  });

  it('leaves questions and thanks at 0, even when they mention many people', () => {
    expect(sev('请问社保卡丢了怎么补办？')).toBe(0);
    expect(sev('我们公司80个员工，社保怎么交？')).toBe(0);
    expect(sev('感谢劳动监察大队，工资终于全部到账了，点赞！')).toBe(0);
  });
});

describe('severity 2: strong or urgent', () => {
  it.each([
    ['repeated', '这个问题多次反映，一直没人管', '重复投诉/久拖未决'],
    ['long unresolved', '拖欠工资一年多了还没解决', '重复投诉/久拖未决'],
    ['a whole village', '全村的养老金都停发了，找谁都没用', '涉及人多'],
    ['a whole site', '整个工地的工人都拿不到工钱', '涉及人多'],
    ['media threat', '再不解决我就找记者曝光', '媒体'],
    ['death at work', '工地上有工人从架子上摔下来死亡，老板不管', '伤亡'],
    ['serious injury', '工友在车间被机器砸伤，现在重伤住院，公司不管', '伤亡'],
    ['retaliation', '我投诉之后就被公司辞退了', '打击报复'],
  ])('%s → 2', (_name, text, label) => {
    expect(sev(text)).toBe(2);
    expect(reasons(text)).toContain(`危机信号（${label}）`);
  });
});

describe('severity 3: crisis', () => {
  it.each([
    ['self-harm', '讨薪无门，有个工友站在楼顶说再不给钱就跳楼', '极端'],
    ['a claimant beaten', '讨薪的工友被老板找人打了', '暴力'],
    ['violence', '去要工资，老板叫保安殴打我们', '暴力'],
    ['gathering', '几十个农民工聚集在项目部门口讨要工资', '群体性'],
    ['blocking a gate', '工人们堵住了公司大门', '群体性'],
    ['blocking a road', '明天大家去工业园门口堵路', '群体性'],
    ['banner', '明天大家去工业园门口拉横幅', '群体性'],
    ['collective petition', '工友们准备联名上书到市里', '群体性'],
    ['conditional threat', '再不给钱就只能去县政府了', '扬言'],
    ['conditional threat with 如果', '如果月底还不解决，我们就去市里上访', '群体性'],
  ])('%s → 3', (_name, text, label) => {
    expect(sev(text)).toBe(3);
    expect(reasons(text)).toContain(`危机信号（${label}）`);
  });

  it('does not count denied or non-crisis uses', () => {
    expect(sev('商场跳楼价大甩卖，全场五折')).toBe(0);
    expect(reasons('工钱拖了一个月，我们不想闹事，只想拿回自己的钱')).not.toContain('群体性');
    expect(sev('父亲去世了，请问死亡抚恤金怎么领？')).toBe(0);
  });
});

describe('topic ids', () => {
  it.each([
    ['公司拖欠工资三个月了', 'wages'],
    ['退休后养老金是怎么计算的？', 'pension'],
    ['灵活就业人员社保断缴了还能补缴吗', 'social_insurance'],
    ['失业金申请了两个月还没批', 'unemployment'],
    ['请问工伤认定要在多长时间内申请？', 'work_injury'],
    ['公司逼我签自愿离职，不给经济补偿，想申请劳动仲裁', 'labor_dispute'],
    ['请问职业技能培训补贴怎么申请？', 'employment_training'],
    ['社保中心窗口工作人员态度很差，爱答不理', 'service_attitude'],
    ['银行窗口工作人员态度很差，爱答不理', 'other'],
    ['小区物业的小程序一直闪退', 'other'],
    ['社保app一直闪退，人脸识别总是失败', 'online_service'],
    ['请问社保卡丢了怎么补办？', 'social_security_card'],
    ['小区门口的路灯坏了很久', 'other'],
  ])('%s → %s', (text, topic) => {
    expect(scoreText(text).topic).toBe(topic);
  });

  it('has a Chinese label for every id and passes old stored labels through', () => {
    for (const t of TOPICS) expect(TOPIC_LABELS[t]).toMatch(/[\u4e00-\u9fff]/);
    expect(topicLabel('wages')).toBe('欠薪/工资');
    expect(topicLabel('欠薪/劳动关系')).toBe('欠薪/劳动关系');
  });
});

describe('sarcasm and rhetorical questions', () => {
  it('reads quoted praise as sarcasm, and says so', () => {
    const s = scoreText("真是太'高效'了，一个证明开了三个星期");
    expect(s.sentiment).toBe('negative');
    expect(s.reasons.join()).toContain("反讽/反问：'高效'");
    expect(scoreText('窗口的同志效率很高，一个证明当天就开好了').sentiment).toBe('positive');
  });

  it('reads a rhetorical complaint as negative even when it names praise words', () => {
    const s = scoreText('这就是你们说的便民服务？排了两个小时队，轮到我说下班了');
    expect(s.sentiment).toBe('negative');
    expect(s.reasons.join()).toContain('反讽/反问：这就是你们说的便民服务？');
  });
});
