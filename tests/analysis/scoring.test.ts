// Scores a duty officer would recognise, and the promise that the shipped weights are exactly what
// the committed examples train to.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelVersion, scoreText } from '../../analysis/index.ts';
import { findReason as ofKind, reasonText } from '../../analysis/reasons.ts';
import { parseExamples } from '../../analysis/sentiment/train.ts';
import { classifyTopic } from '../../analysis/topic-model/model.ts';
import { DEFAULT_WEIGHTS_FILE, predict, type SentimentWeights } from '../../analysis/sentiment/model.ts';
import { analyzeLexicon } from '../../analysis/sentiment/lexicon-match.ts';
import { extractFeatures } from '../../analysis/sentiment/features.ts';

describe('scoreText', () => {
  it('flags a 欠薪 complaint as negative and names the words', () => {
    const s = scoreText('工地老板拖欠我们工资半年了，去找项目部一直推诿，到底有没有人管？');
    expect(s.sentiment).toBe('negative');
    expect(s.negative).toBeGreaterThan(0.8);
    expect(s.topic).toBe('wages');
    const neg = ofKind(s.reasons, 'negativeWords')?.words;
    expect(neg).toContain('拖欠');
    expect(neg).toContain('推诿');
    expect(ofKind(s.reasons, 'topicWords')?.words.some((w) => w.includes('工资'))).toBe(true);
  });

  it('treats a polite question about 社保 as neutral, not a complaint', () => {
    const s = scoreText('您好，请问灵活就业人员社保断缴了一个月，还能补缴吗？需要带什么材料？');
    expect(s.sentiment).toBe('neutral');
    expect(s.negative).toBeLessThan(0.3);
    expect(s.severity).toBe(0);
    expect(s.topic).toBe('social_insurance');
  });

  it('recognises thanks as positive', () => {
    const s = scoreText('感谢劳动监察大队，工资终于全部到账了，问题及时解决，点赞！');
    expect(s.sentiment).toBe('positive');
    expect(s.negative).toBeLessThan(0.2);
    expect(ofKind(s.reasons, 'positiveWords')?.words).toContain('感谢');
  });

  it('gives a 跳楼 threat severity 3 and says why', () => {
    const s = scoreText('讨薪无门，有个工友站在楼顶说再不给钱就跳楼');
    expect(s.severity).toBe(3);
    expect(s.sentiment).toBe('negative');
    expect(s.reasons.some((r) => r.kind === 'crisis' && r.crisis === 'extreme' && r.words.some((w) => w.startsWith('跳楼')))).toBe(true);
  });

  it('does not read a 跳楼价 sale as a crisis', () => {
    // Not a crisis (whether an advert reads as a mild complaint is the model's guess; no alert fires below 2).
    expect(scoreText('商场跳楼价大甩卖，全场五折').severity).toBeLessThan(2);
    expect(scoreText('商场跳楼价大甩卖，全场五折').reasons.some((r) => r.kind === 'crisis' || r.kind === 'crisisModel')).toBe(false);
  });

  it('grades a gathering as 3 and a repeated, ignored complaint as 2', () => {
    expect(scoreText('几十个农民工聚集在项目部门口讨要工资').severity).toBe(3);
    expect(scoreText('这个问题多次反映，一直没人管').severity).toBe(2);
  });

  it('handles double negation: “不是不给发” is not a complaint about withheld pay', () => {
    const negated = scoreText('不是不给发工资，是公司账户在变更，请问最晚可以推迟到几号？');
    expect(negated.sentiment).not.toBe('negative');
    expect(ofKind(negated.reasons, 'negated')?.words.some((w) => w.includes('不给'))).toBe(true);
    const plain = scoreText('公司就是不给发工资，拖了三个月了');
    expect(plain.sentiment).toBe('negative');
    expect(plain.negative).toBeGreaterThan(negated.negative + 0.5);
  });

  it('counts a negated positive as negative and applies intensifiers', () => {
    const lex = analyzeLexicon('问题根本没有及时解决');
    expect(lex.hits).toContainEqual(expect.objectContaining({ word: '及时解决', negated: true }));
    expect(lex.negativeScore).toBeGreaterThan(0);
    expect(analyzeLexicon('非常失望').negativeScore).toBeGreaterThan(analyzeLexicon('失望').negativeScore);
  });

  it('is deterministic and stamps a model version', () => {
    const text = '养老金少算了，去问经办人员说不清楚';
    expect(scoreText(text)).toEqual(scoreText(text));
    expect(modelVersion()).toMatch(/^lex-lr-[0-9a-f]{10}-topic-[0-9a-f]{10}-crisis-[0-9a-f]{10}-serious-[0-9a-f]{10}$/);
  });

  it('classifies business lines', () => {
    expect(scoreText('请问工伤认定要在多长时间内申请？').topic).toBe('work_injury');
    expect(scoreText('失业金申请了两个月还没批').topic).toBe('unemployment');
    expect(scoreText('申请劳动仲裁需要准备哪些材料？').topic).toBe('labor_dispute');
    expect(scoreText('退休后养老金是怎么计算的？').topic).toBe('pension');
    expect(scoreText('小区门口的路灯坏了很久').topic).toBe('other');
  });
});

describe('grievances: facts that are complaints by themselves', () => {
  // Calm reports with no emotional word: each should read as a complaint and name what happened.
  const reports: [string, string][] = [
    ['我在县城一家家具厂做了一年半，厂里从来没给我们交过社保。请问我该怎么办？', '单位不交社保'],
    ['上班快五个月了，老板一直不跟我签劳动合同，说等生意好了再说。', '不签劳动合同'],
    ['车间主任让我们几个老员工签自愿离职协议，不签就不给排班。', '逼签离职'],
    ['仲裁申请交上去五十多天了，一直不给立案，也不说原因。', '仲裁拖延'],
    ['去年十一月在厂里砸伤了脚，工伤认定拖到现在还没结果。', '工伤认定拖延'],
    ['为了开一个证明，打12333打了三天都没人接。', '热线打不通'],
    ['办个社保转移，窗口让我来回跑了四趟，每次都差一样东西。', '来回跑'],
  ];
  it.each(reports)('reads “%s” as negative (%s)', (text, label) => {
    const s = scoreText(text);
    expect(s.sentiment).toBe('negative');
    expect(s.reasons).toContainEqual({ kind: 'grievances', labels: [label] });
  });

  // The same topics asked about in general or hypothetically stay neutral 咨询.
  const questions = [
    '请问用人单位必须在员工入职后多久交社保？',
    '如果公司不签劳动合同，员工可以要求什么赔偿？',
    '自愿离职的话还能领失业金吗？',
    '劳动仲裁从申请到立案一般需要几天？',
    '工伤认定申请需要准备哪些材料？',
    '我以前有几年没交养老保险，现在还能补缴吗？',
  ];
  it.each(questions)('keeps the question “%s” neutral, with no grievance', (text) => {
    const s = scoreText(text);
    expect(s.sentiment).toBe('neutral');
    expect(ofKind(s.reasons, 'grievances')).toBeUndefined();
  });

  it('does not count a denied grievance (“不是不给…”) or a grievance across two sentences', () => {
    expect(analyzeLexicon('不是没给你们交社保，是系统还没同步').grievances).toEqual([]);
    expect(analyzeLexicon('入职多久必须签合同？超过一个月没签怎么办？').grievances).toEqual([]);
  });

  it('reads everyday anger, sadness and fear, not only 人社 complaints', () => {
    for (const text of ['排了两个小时的队还被插队，气死我了', '养了八年的狗走了，心里好难过', '半夜一个人走回家，吓死我了']) {
      expect(scoreText(text).sentiment).toBe('negative');
    }
    expect(scoreText('我妈的养老金这个月到账了吗？麻烦帮忙查一下').sentiment).toBe('neutral');
  });
});

describe('crisis words that are denied', () => {
  it('does not read “我们不想闹事” as a crowd signal', () => {
    const denied = scoreText('工钱拖了一个月，我们不想闹事，只想拿回自己的钱');
    expect(denied.severity).toBe(1);
    expect(denied.reasons.some((r) => r.kind === 'crisis' && r.crisis === 'group')).toBe(false);
    expect(scoreText('工人们在项目部门口闹事').severity).toBe(3);
  });
});

describe('topic next to another department’s business', () => {
  it('leaves a school, a housing estate or a hospital post in 其他 even when it says 工资、工地、考试、住院', () => {
    expect(scoreText('学校老师的绩效工资什么时候发？').topic).toBe('other');
    expect(scoreText('小区旁边的工地晚上施工，噪音太大').topic).toBe('other');
    expect(scoreText('孩子中考报名和考试时间是什么时候？').topic).toBe('other');
    expect(scoreText('医院住院部的医生态度很差').topic).toBe('other');
  });

  it('keeps specific 人社 words in their line next to such cues', () => {
    expect(scoreText('学校食堂的员工没签劳动合同，也没交社保').topic).not.toBe('other');
    expect(scoreText('小区物业公司拖欠保安工资三个月了').topic).toBe('wages');
    expect(scoreText('医院护士的养老保险断缴了怎么办').topic).not.toBe('other');
  });
});

describe('the shipped sentiment weights', () => {
  it('carry a temperature fitted out-of-fold that sharpens or softens probabilities without changing any decision', () => {
    const weights = JSON.parse(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8')) as SentimentWeights;
    const cal = weights.training.calibration!;
    expect(cal.folds).toBeGreaterThanOrEqual(5);
    expect(weights.temperature).toBe(cal.temperature);
    expect(cal.logLossAfter).toBeLessThanOrEqual(cal.logLossBefore);
    const unscaled = { ...weights, temperature: 1 };
    for (const text of ['工资拖了三个月还不给', '请问失业金怎么领', '感谢社保局的耐心解答', '这服务真是太"好"了']) {
      const f = extractFeatures(text);
      const [a, b] = [predict(f, weights), predict(f, unscaled)];
      const top = (p: Record<string, number>) => Object.entries(p).sort((x, y) => y[1] - x[1])[0]![0];
      expect(top(a)).toBe(top(b));
    }
  });

  it('call a short remark a complaint only when more likely than not, or when it states a grievance', () => {
    // The written posts the model learns from are mostly complaints: a remark with little to go on leans negative.
    const remark = scoreText('他年轻时在县城读过两年师范。');
    expect(remark.sentiment).toBe('neutral');
    expect(remark.severity).toBe(0);
    expect(remark.negative).toBeLessThan(0.5);
    expect(remark.reasons.map(reasonText)).toContain(`短帖：负面概率 ${remark.negative.toFixed(2)}，不到一半，也没有写出投诉情形，不算投诉`);
    // A grievance stated, or a complaint the model is sure of, stays one.
    for (const text of ['工资三个月没发了', '老板跑了，我们的钱咋办', '社保局窗口的人态度太差了']) {
      const s = scoreText(text);
      expect(s.sentiment, text).toBe('negative');
      expect(ofKind(s.reasons, 'shortUnsure'), text).toBeUndefined();
    }
  });

  it('refuses a malformed examples file naming the line', () => {
    expect(() => parseExamples('{"text":"好","label":"happy"}\n', 'x.jsonl')).toThrow(/x\.jsonl 第 1 行：label/);
  });
});

describe('the shipped topic weights', () => {
  it('explain a topic with the keywords of that line found in the post', () => {
    const s = scoreText('我们厂拖欠工资半年了，找了劳动监察也没用');
    expect(s.topic).toBe('wages');
    expect(ofKind(s.reasons, 'topicWords')?.words.some((w) => /拖欠工资|劳动监察/.test(w))).toBe(true);
    expect(classifyTopic('小区门口的路灯坏了很久').topic).toBe('other');
    // Without weights the keyword rules decide alone.
    expect(classifyTopic('请问社保卡丢了怎么补办？', null)).toMatchObject({ topic: 'social_security_card', probability: 1 });
  });
});

describe('the shipped crisis weights', () => {
  it('raise a crisis the rules have no word for, and say which words looked like one', () => {
    const s = scoreText('老板再拖，我们就带上铺盖去他办公室住下');
    expect(s.severity).toBe(3);
    const model = ofKind(s.reasons, 'crisisModel');
    expect(model).toBeDefined();
    expect(reasonText(model!)).toMatch(/^危机信号（模型）：.+（像危机的说法，可能性 0\.\d\d）$/);
    // whole words of the post, not the fragments its n-grams cut ("们就", "去他")
    expect(model!.kind === 'crisisModel' && model!.words).toContain('办公室');
    expect(model!.kind === 'crisisModel' && model!.words.some((w) => ['们就', '去他', '办公'].includes(w))).toBe(false);
    // ...but not a calm report that many are unpaid (severity 2 by the bureau's definition), nor thanks.
    expect(scoreText('整个工地的工人都拿不到工钱').severity).toBe(2);
    expect(scoreText('感谢监察大队，我们八十多个农民工的工资终于全部到账了').severity).toBe(0);
  });
});
