// Reading real-style letters (issue 12): politeness is not praise, the worst clause decides, a question
// can be a complaint, severity in the forms letters use, and the matter named in the title decides the
// topic. The letters here are written for this test (none is taken from a real message).
import { describe, expect, it } from 'vitest';
import { politeWithoutPraise, scoreText } from '../../analysis/index.ts';
import { analyzeLexicon } from '../../analysis/sentiment/lexicon-match.ts';
import { findReason, reasonText } from '../../analysis/reasons.ts';
import { readLetter, splitClauses, titleOf } from '../../analysis/sentiment/letter.ts';

const reasonsOf = (text: string) => scoreText(text).reasons.map(reasonText).join('\n');

describe('a letter read as a letter', () => {
  it('does not read a polite close as praise: a wage complaint that ends "请求解决，感谢！" is negative', () => {
    const s = scoreText(
      '关于某物流公司拖欠工资的情况\n尊敬的领导：我在通川区某物流公司做分拣员，公司从今年1月起每月只发一千元生活费，其余工资一直拖着，到现在五个月共欠我一万六千多元。我们也理解公司困难，但家里还要生活。请求领导督促公司尽快结清，感谢！',
    );
    expect(s.sentiment).toBe('negative');
    expect(s.severity).toBeGreaterThanOrEqual(1);
  });

  it('still reads thanks for something done as positive', () => {
    const s = scoreText('感谢达川区劳动监察大队的同志，帮我们六个工人追回了被拖欠的三万多元工钱，前后不到两周就全部到账了，真心谢谢你们！');
    expect(s.sentiment).toBe('positive');
    expect(s.severity).toBe(0);
  });

  it('reads a polite post without praise as a complaint only when something in it complains', () => {
    const calm = analyzeLexicon('建议在小区门口增设一个公交站点，方便老人出行');
    const sore = analyzeLexicon('公司拖欠工资三个月，请领导督促解决');
    const letter = { titleComplaint: null, overdue: null };
    // the model reads both as polite praise; what is left when the praise is set aside decides
    const leans = { negative: 0.05, neutral: 0.02, positive: 0.93 };
    expect(politeWithoutPraise(letter, calm, leans)).toBe('neutral');
    expect(politeWithoutPraise(letter, sore, leans)).toBe('negative');
    expect(politeWithoutPraise(letter, calm, { negative: 0.3, neutral: 0.1, positive: 0.6 })).toBe('negative');
    expect(politeWithoutPraise({ titleComplaint: null, overdue: '迟迟' }, calm, leans)).toBe('negative');
    expect(politeWithoutPraise({ titleComplaint: '投诉', overdue: null }, calm, { negative: 0.01, neutral: 0.2, positive: 0.79 })).toBe('negative');
    // a grievance the model finds less likely than calm is still not a complaint
    expect(politeWithoutPraise(letter, sore, { negative: 0.05, neutral: 0.1, positive: 0.85 })).toBe('neutral');
  });

  it('reads a post of courtesy alone as neither complaint nor praise: no ordinary complaint for "谢谢你们！"', () => {
    for (const text of ['谢谢你们！', '辛苦了', '您好', '领导好！']) {
      const s = scoreText(text);
      expect(s.sentiment, text).toBe('neutral');
      expect(s.severity, text).toBe(0);
      expect(s.negative, text).toBeLessThan(0.5);
      expect(findReason(s.reasons, 'courtesyOnly'), text).toBeTruthy();
    }
    expect(reasonsOf('谢谢你们！')).toContain('只有问好、致谢、祝福之类的客套话');
  });

  it('keeps a clause that ends in 好 in the matter unless it greets someone', () => {
    expect(readLetter('这个路修了两年还没修好').matter).toEqual(['这个路修了两年还没修好']);
    expect(readLetter('领导好！工资三个月没发了').courtesy).toEqual(['领导好']);
    expect(scoreText('问题到现在也没解决好').sentiment).toBe('negative');
  });

  it('does not set aside a whole unpunctuated post of thanks because a blessing closes it', () => {
    const text = '我是大竹县的退休工人今年七十六了写几句话感谢社保局年年给我们涨养老金今年又涨了心里很高兴祝你们工作顺利身体健康';
    expect(readLetter(text).matter).toEqual([text]);
    expect(scoreText(text).sentiment).toBe('positive');
  });

  it('never calls a request letter positive for its blessings, and says why', () => {
    const text =
      '请求为我县退役士兵增加技能培训名额\n尊敬的领导：您好！我是一名退役三年的士兵，一直在外地打零工。希望县里能多办几期电工、焊工培训，提前在村里发通知。非常感谢领导对我们的关心和支持，祝领导身体健康、工作顺利、万事如意！';
    const s = scoreText(text);
    expect(s.sentiment).not.toBe('positive');
  });

  it('lets the worst clause of a long letter decide, and names that clause in the reasons', () => {
    const text =
      '尊敬的领导：您好！我是渠县的一名养殖户，今年五十三岁，家里有两个孩子在读书。去年我在县城一家饲料厂上班，干了八个月。厂里一直说效益不好，年底结账时少算了我两个月工资，老板说没钱就是没钱，爱找谁找谁。我一个人也不知道怎么办。希望领导在百忙之中关心一下我们这些打工的人，祝领导身体健康，工作顺利！';
    const s = scoreText(text);
    expect(s.sentiment).toBe('negative');
    expect(findReason(s.reasons, 'worstClause')?.clause).toContain('少算了我两个月工资');
    expect(findReason(s.reasons, 'clauseScoring')).toBeDefined();
  });

  it('reads a question about money long overdue as a complaint', () => {
    const s = scoreText(
      '宣汉县农村购房补贴公示一年了还没发放\n您好！我去年在宣汉县城买了房，申请了农村居民进城购房补贴，去年6月就公示了，到现在一年多了还没有到账，请问什么时候能发？',
    );
    expect(s.sentiment).toBe('negative');
    expect(s.severity).toBe(2);
  });

  it('reads a letter that recounts its case and then asks whether that is fair as a complaint, and says so; a calm account or a one-line question stays a consultation', () => {
    const fees = scoreText(
      '咨询城乡居民医保缴费标准\n您好！我家在宣汉县农村，一家五口都参加了城乡居民医保。这几年每人每年的缴费从一百多元涨到了三百多元，家里老人八十多岁也要照交。听说有的县八十岁以上的老人可以免缴。请问我们县的这个规定合理吗？',
    );
    expect(fees.sentiment).toBe('negative');
    expect(fees.reasons.map(reasonText)).toContain('问题里有质问：合理吗（讲了自己的遭遇，再问为什么这样、是否合理合法）');
    const base = scoreText(
      '咨询灵活就业人员缴费基数\n您好！我是宣汉县的个体户，按灵活就业人员交养老保险。今年缴费基数从去年的三千多调到了四千多，我一个月收入也就两三千。请问缴费基数按全省平均工资定，对我们低收入的人合理吗？',
    );
    expect(base.sentiment).toBe('negative');
    expect(findReason(base.reasons, 'challenge')?.words).toBe('合理吗');
    // Asking why what others get is not done here is the same question.
    const welfare = scoreText(
      '咨询工会慰问品发放\n您好！我是宣汉县某乡镇中心校的一名老师，在这所学校教了八年书。县里其他乡镇学校每年教师节都给老师发工会慰问品。请问为何我们学校一直不发放，是有什么规定吗？',
    );
    expect(welfare.sentiment).toBe('negative');
    expect(findReason(welfare.reasons, 'challenge')?.words).toBe('为何我们学校一直不');
    // A title that names a deprivation is a complaint, like one that names arrears.
    expect(readLetter('某镇卫生院剥夺职工国庆假期\n今年国庆节只放一天假。').titleComplaint).toBe('剥夺');
    // A calm account of a rule that ends by asking whether it is fair is still a consultation.
    const retirement = scoreText(
      '咨询女职工退休年龄\n您好！我是通川区一家国企的女职工，今年满五十周岁，单位说我是管理岗位，要到五十五岁才能退休，同车间的几位姐妹五十岁就办了。请问单位按岗位定退休年龄，是否合理？',
    );
    expect(retirement.sentiment).toBe('neutral');
    // One line asking whether a rule is fair is as often a plain question: left to the rest of the reading.
    expect(scoreText('请问灵活就业人员的缴费基数按全省平均工资定，合理吗？').sentiment).toBe('neutral');
    // Asking what a rule rests on is not asking whether it is fair.
    const basis = scoreText(
      '咨询事业单位招聘年龄要求\n您好！今年我们区事业单位招聘要求本科生年龄在28岁以下，其他区都是30岁或35岁以下。请问这项限制的依据是什么，是否与公开招聘的规定相符？',
    );
    expect(basis.sentiment).toBe('neutral');
  });

  it('keeps a plain consultation neutral', () => {
    const s = scoreText(
      '咨询灵活就业人员养老保险缴费档次\n领导您好！我是达川区一名个体户，2016年开始以灵活就业人员身份缴纳职工养老保险，一直按最低档交。请问中途提高缴费档次是否可以？盼复，谢谢！',
    );
    expect(s.sentiment).toBe('neutral');
    expect(s.severity).toBe(0);
  });

  it('cuts clauses at sentence ends and lines, and sets greetings and sign-offs aside', () => {
    expect(titleOf('标题\n正文')).toBe('标题');
    expect(titleOf('没有标题的一句话')).toBe('');
    expect(splitClauses('第一句。第二句！第三句\n第四句')).toEqual(['第一句', '第二句', '第三句', '第四句']);
    const letter = readLetter('尊敬的王局长：您好！工资三个月没发。恳请领导重视，谢谢！此致敬礼');
    expect(letter.courtesy).toContain('此致敬礼');
    expect(letter.matter).toContain('工资三个月没发');
    expect(letter.praise).toBeNull();
  });

  it('reads a letter whose title objects to a plan as a complaint, however calm its body', () => {
    const text =
      '坚决反对在某小区门口新建垃圾中转站\n我们从公示上看到，区里准备在小区门口建一个垃圾中转站。小区里有两千多户居民，还有一所幼儿园，请领导再考虑一下选址。';
    expect(readLetter(text).titleComplaint).toBe('反对');
    expect(scoreText(text).sentiment).toBe('negative');
  });
});

describe('severity in the forms real letters use', () => {
  it.each([
    ['我们厂的工人已经多次到市政府反映欠薪问题，至今没有结果。', 3, '群体性'],
    ['老板三个月不发工资，我们都快饿死了。', 3, '极端'],
    ['我去问工资的事，董事长扬言要打死我。', 3, '扬言'],
    ['我们公司80多名职工的工资被拖欠了半年。', 2, '涉及人多'],
    ['厂里40余名工人的社保一直没交，我们找了好几次都没用。', 2, '涉及人多'],
    ['单位从2015年至今一直没有给我们缴纳养老保险。', 2, '重复投诉/久拖未决'],
    ['我是一名残疾人，公司扣了我两个月的工资不给。', 2, '弱势人群'],
    ['几百名业主自发组织起来维权，开发商至今不露面。', 3, '群体性'],
    // dragged on, not written as a duration; asked again and again, however worded; a writer for a group
    ['我的失业金申请交上去以后，至今杳无音讯，请领导过问。', 2, '重复投诉/久拖未决'],
    ['补缴养老保险的事一直未得到解决，我很着急。', 2, '重复投诉/久拖未决'],
    ['厂里欠的工资我们先后找了劳动监察和街道，都无果。', 2, '重复投诉/久拖未决'],
    ['单位拖着不给我办退休手续，我向社保局投诉多次，问题还在。', 2, '重复投诉/久拖未决'],
    ['公司欠的加班费，多次求助工会也没人理。', 2, '重复投诉/久拖未决'],
    ['我们单位职工的高温补贴被公司扣了，请领导调查。', 2, '涉及人多'],
  ])('%s → %i (%s)', (text, level, label) => {
    const s = scoreText(text);
    expect(s.severity).toBe(level);
    expect(
      s.reasons.map(reasonText).some((r) => r.startsWith(`危机信号（${label}）：`)),
      reasonsOf(text),
    ).toBe(true);
  });

  it('does not take rhetoric, a quantifier across a clause or a one-off wait for many people or a long wait', () => {
    for (const text of [
      '广大人民群众都盼着这条路修好，可施工队干得太慢了。',
      '医院里有大量停车位，保安却说没有车位，不让进。',
      '我们家长觉得学校的午餐太贵了，希望降价。',
      '近几年小区门口的路灯经常坏，希望修一修。',
    ]) {
      expect(scoreText(text).severity, reasonsOf(text)).toBeLessThan(2);
    }
  });

  it('does not count trees cut down as violence', () => {
    expect(scoreText('我家山上的二十棵杉树被人砍了，林业站一直不处理。').severity).toBeLessThan(3);
  });
});

describe('the matter asked about decides the topic', () => {
  it('a housing complaint by a firm’s workers is another department’s matter, whatever 退休/职工 the body holds', () => {
    const s = scoreText(
      '集资房强制搭售储藏室\n我是一名退休职工，在厂里干了三十一年，这次厂里的集资房要求每户再掏八万块钱买一间储藏室，不买就不给分房，退休金就这么点，请领导做主。',
    );
    expect(s.topic).toBe('other');
  });

  it('pay named in the title is wages, even a teacher’s', () => {
    expect(scoreText('请求落实我县乡村教师生活补助\n我们学校从前年下半年起就没有再发过乡村教师生活补助，问学校说县里没拨款。').topic).toBe('wages');
  });

  it('a recruitment exam named in the title is employment and exams, even a school’s', () => {
    expect(scoreText('市直学校教师招聘考试不公平\n这次考试面试环节打分不透明，很多考生有意见。').topic).toBe('employment_training');
  });

  it('a refund in the title is not wages, however 拖欠 it is worded', () => {
    expect(scoreText('投诉某楼盘拖欠我们的诚意金不退还\n交了两万元诚意金，说好不买就退，四个月了还没退。').topic).toBe('other');
  });

  it('pay a short post calls just 钱 or 账, writes half in pinyin or gets as an IOU is wages; a refund or a loan is not', () => {
    expect(scoreText('在渠县一个砖厂干了大半年，到现在一分钱都没给我们').topic).toBe('wages');
    expect(scoreText('年底了账还是不结，说等甲方打款').topic).toBe('wages');
    expect(scoreText('干了三个月的工zi一分没见着').topic).toBe('wages');
    expect(scoreText('老板给我们打了白条就不见人了').topic).toBe('wages');
    expect(scoreText('退房的钱三个月了还没到账，开发商一直推').topic).toBe('other');
    expect(scoreText('借给朋友的钱一直不还').topic).toBe('other');
  });

  it('how much of a hospital bill is paid back is social insurance, whatever hospital the title names', () => {
    expect(scoreText('某县人民医院住院报销比例太低\n我母亲在县医院住了半个月，花了三万多，新农合只报了四成，比隔壁县低很多。').topic).toBe('social_insurance');
  });

  it('a technical school is the bureau’s training line, and so is a post’s staffing quota in the title', () => {
    expect(scoreText('某技工工贸学校乱收补考费\n学校每门补考收两百元，不交就不让拿毕业证，学生家里都不宽裕。').topic).toBe('employment_training');
    expect(scoreText('特岗教师服务期满后的编制何时落实\n我是一名特岗教师，三年服务期早满了，县里一直没给入编，工资也比在编老师低。').topic).toBe(
      'employment_training',
    );
    // a 科技工程学校 is an ordinary school
    expect(scoreText('某科技工程学校招生涉嫌欺骗学生\n还没中考就让家长交定金，说能保送，交了钱才知道是假的。').topic).toBe('other');
  });
});
