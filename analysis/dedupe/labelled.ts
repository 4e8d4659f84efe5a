// Labelled posts for choosing the near-duplicate thresholds, written for this project (fictional
// places, companies and people). Each group is one incident told by different people in their
// own words, plus a few forwarded copies; posts in different groups are different incidents,
// many deliberately on the same topic (欠薪 at other sites, 社保 at other employers) and in
// the same district, because those are the pairs a clustering must keep apart. Pairs within a
// group are "same incident", pairs across groups "different".

export interface LabelledPost {
  group: string;
  title: string;
  body: string;
  /** A forwarded copy with small changes (counted separately in the measurement). */
  repost?: true;
}

export const LABELLED_POSTS: readonly LabelledPost[] = [
  // 欠薪: a construction site in 渠县
  {
    group: 'qu-site',
    title: '渠江花园三期工地欠我们工资四个月',
    body: '我们在渠县渠江花园三期干泥工和架子工，一共二十来个人，从六月到现在四个月没发工资，包工头说开发商没给钱，开发商说钱给了建筑公司。请人社局帮我们讨个说法。',
  },
  {
    group: 'qu-site',
    title: '渠江花园工地包工头跑了',
    body: '渠江花园三期的包工头老周这几天电话关机了，我们二十多个架子工、泥工的工钱一分没拿到。开发商那边的人说不关他们的事。我们去哪里反映？',
  },
  {
    group: 'qu-site',
    title: '关于渠县渠江花园项目拖欠民工工资的反映',
    body: '本人在渠江花园三期项目务工，该项目拖欠农民工工资已四个多月，涉及二十余人。建筑公司和开发商互相推诿，恳请劳动监察部门介入调查。',
  },
  {
    group: 'qu-site',
    title: '转：渠江花园三期工地欠我们工资四个月',
    repost: true,
    body: '帮工友发一下：我们在渠县渠江花园三期干泥工和架子工，一共二十来个人，从六月到现在四个月没发工资了，包工头说开发商没给钱，开发商说钱给了建筑公司。请人社局帮忙讨个说法！',
  },
  // 欠薪: a warehouse in 达川区
  {
    group: 'dachuan-warehouse',
    title: '顺达物流园仓库拖欠装卸工工资',
    body: '我在达川区顺达物流园的仓库做装卸，老板两个月没发工资了，说是等客户回款。我们十几个装卸工每天照样搬货，工资却一直拖着。',
  },
  {
    group: 'dachuan-warehouse',
    title: '物流园装卸工两个月没拿到钱',
    body: '顺达物流园那家仓储公司欠我们装卸工两个月工钱，问就说客户没回款。十几个人都是靠这点钱养家的，希望有关部门管一管。',
  },
  { group: 'dachuan-warehouse', title: '达川顺达物流园欠薪', body: '达川区顺达物流园仓储公司拖欠装卸工工资两个月，涉及十余人，老板以回款慢为由一拖再拖。' },
  // 欠薪: a hotel kitchen in 大竹县
  {
    group: 'dazhu-hotel',
    title: '竹海大酒店拖欠厨房员工工资',
    body: '我在大竹县竹海大酒店后厨当帮厨，酒店三个月没发工资，厨师、服务员都没拿到。经理说酒店要转让了，等新老板来再说。',
  },
  {
    group: 'dazhu-hotel',
    title: '竹海酒店要转让，我们的工资谁来付',
    body: '大竹竹海大酒店听说要转让，我们这些服务员和厨房的人被欠了三个月工资。老板说等转让款到了再发，我们担心拿不到。',
  },
  {
    group: 'dazhu-hotel',
    title: '酒店服务员被欠薪三个月',
    body: '竹海大酒店的服务员和后厨十多个人，三个月工资没发。经理一直说酒店转让以后统一结算。请问我们该怎么维权？',
  },
  // 欠薪: an electronics factory in 通川区
  {
    group: 'tongchuan-factory',
    title: '金龙电子厂停产，工人工资没结清',
    body: '通川区金龙电子厂上个月突然停产放假，厂里一百多名工人的工资还没结清，老板说等设备卖了再给。流水线上很多都是附近村里的妇女。',
  },
  {
    group: 'tongchuan-factory',
    title: '金龙电子厂放假不发工资',
    body: '我在金龙电子厂流水线上班，厂里突然说停产放假，两个月工资没结，一百多个工人都是这样。老板说要卖设备还钱，谁知道什么时候卖得掉。',
  },
  {
    group: 'tongchuan-factory',
    title: '转发：金龙电子厂停产，工人工资没结清',
    repost: true,
    body: '通川区金龙电子厂上个月突然停产放假了，厂里一百多名工人的工资到现在还没结清，老板说等设备卖了再给。流水线上很多都是附近村里的妇女。大家帮忙转发。',
  },
  // 欠薪: a water-works project in 宣汉县 (same district as other construction complaints)
  {
    group: 'xuanhan-water',
    title: '东乡镇自来水管网工程欠工人工资',
    body: '宣汉县东乡镇自来水管网改造工程，我们挖沟埋管的十几个工人干了三个月，工资只发了一半。施工方说镇上的工程款没到位。',
  },
  {
    group: 'xuanhan-water',
    title: '自来水改造工程埋管工人讨工钱',
    body: '东乡镇那个自来水管网改造，施工方欠我们埋管的工人一半工钱，说是工程款没拨下来。我们十几个人都是本地农民，等着钱过年。',
  },
  {
    group: 'xuanhan-water',
    title: '宣汉东乡管网工程拖欠农民工工资',
    body: '东乡镇自来水管网改造工程施工方拖欠十余名农民工工资，已三个月，只支付了一半。请劳动监察大队督促施工方尽快支付。',
  },
  // 欠薪: a resettlement-housing site in 达川区 (hard negative for other 安置房 sites)
  {
    group: 'dachuan-housing',
    title: '杨柳安置小区工地拖欠水电工工资',
    body: '达川区杨柳安置小区二期工地，我们水电班组八个人干了五个月，只拿到生活费。劳务公司说总包没给进度款。',
  },
  {
    group: 'dachuan-housing',
    title: '杨柳安置小区水电班组工钱没着落',
    body: '在杨柳安置小区做水电安装的八个师傅，五个月工钱没结，每个月只给一点生活费。问劳务公司，说总包没付进度款。',
  },
  // 社保卡: a bank branch in 开江县
  {
    group: 'kaijiang-card',
    title: '开江县农商银行网点社保卡激活不了',
    body: '在开江县城农商银行网点领了新的社保卡，柜台说激活要等系统，等了两个星期还是激活不了，看病不能刷卡。',
  },
  {
    group: 'kaijiang-card',
    title: '新社保卡领了两周还不能用',
    body: '开江农商银行领的社保卡，工作人员说系统升级暂时激活不了，已经两个星期了。我们村好几个老人都是这样，看病买药只能自己垫钱。',
  },
  // 养老金: 认证 stops payment in a township of 万源市
  {
    group: 'wanyuan-pension',
    title: '青花镇好几个老人养老金突然停发',
    body: '万源市青花镇这个月好几个老人的养老金没到账，问了才知道是资格认证没做，被暂停了。老人们根本不知道要认证，也没人通知。',
  },
  {
    group: 'wanyuan-pension',
    title: '没做认证就停发养老金，能不能先通知一声',
    body: '我爷爷在青花镇，这个月城乡居民养老金没发，镇上说是认证过期暂停发放。村里还有七八个老人也是这样，希望先通知再停。',
  },
  {
    group: 'wanyuan-pension',
    title: '青花镇老人养老金停发的事',
    body: '青花镇多名老人养老金因未完成资格认证被暂停发放，老人们事先没有接到任何通知，请人社部门核实。',
  },
  // 社保断缴: a trading company in 渠县
  {
    group: 'qu-company',
    title: '宏达商贸公司偷偷停缴社保',
    body: '我在渠县宏达商贸公司上班，最近查社保才发现公司从今年三月就没给我们交了，工资条上还照样扣着社保的钱。',
  },
  {
    group: 'qu-company',
    title: '工资照扣社保却没交',
    body: '宏达商贸的员工注意了，公司每月从工资里扣社保，可是社保系统里从三月起就是断缴。我问了好几个同事都一样。',
  },
  {
    group: 'qu-company',
    title: '渠县宏达商贸扣钱不缴社保',
    body: '渠县宏达商贸公司自三月起停缴员工社会保险，但仍按月从工资中代扣个人部分，涉及员工二十余人，请查处。',
  },
  // 工伤: a quarry in 达川区
  {
    group: 'dachuan-quarry',
    title: '石梯镇采石场工伤没人管',
    body: '我弟弟在达川区石梯镇采石场开碎石机，手被机器轧断两根手指，老板只给了五千块就不管了，也没给买工伤保险。',
  },
  {
    group: 'dachuan-quarry',
    title: '采石场老板不给工伤赔偿',
    body: '石梯镇采石场的工人被碎石机轧伤了手，老板给了几千块就想了事，工伤认定也不配合办理。请问工伤认定要准备什么？',
  },
  // 劳动合同: a training school in 通川区
  {
    group: 'tongchuan-school',
    title: '启航教育不签劳动合同',
    body: '通川区启航教育培训学校的老师大都没签劳动合同，校长说签了合同就要交社保，学校负担不起。我们干了一年多了。',
  },
  {
    group: 'tongchuan-school',
    title: '培训学校一年多不签合同',
    body: '我在启航教育当老师一年多，学校一直不跟我们签劳动合同，也不交社保，校长说学校负担不起。请问能要求二倍工资吗？',
  },
  // Single posts on the same topics: different incidents from everything above.
  { group: 'single-1', title: '县城一家超市欠收银员工资', body: '我在渠县县城一家超市当收银员，老板两个月没发工资，说等年底一起结。请问可以去哪里投诉？' },
  { group: 'single-2', title: '装修公司拖欠油漆工工钱', body: '在通川区跟着一家装修公司刷油漆，干了三个月工钱只给了一千。老板说客户没付尾款。' },
  { group: 'single-3', title: '养老金今年涨了多少', body: '请问今年达州的企业退休人员养老金调整了吗？每个月能涨多少？什么时候补发？' },
  { group: 'single-4', title: '社保卡丢了怎么补办', body: '我在万源市，社保卡不小心丢了，想问一下补办要带什么材料，多久能拿到新卡？' },
  { group: 'single-5', title: '工地摔伤能不能认定工伤', body: '我在大竹县一个工地上干活摔伤了腿，包工头说我们是临时工不算工伤。请问临时工能不能认定工伤？' },
  {
    group: 'single-6',
    title: '失业金申请被退回',
    body: '我在达川区申请失业保险金，网上提交后被退回，说是离职原因不符合。我是合同到期公司不续签的，为什么不能领？',
  },
];

export interface LabelledPair {
  a: number;
  b: number;
  same: boolean;
  /** Both posts are about the same business line (e.g. both 欠薪): the hard negatives. */
  sameTopic: boolean;
  repost: boolean;
}

const TOPIC_OF_GROUP: Record<string, string> = {
  'qu-site': 'wage',
  'dachuan-warehouse': 'wage',
  'dazhu-hotel': 'wage',
  'tongchuan-factory': 'wage',
  'xuanhan-water': 'wage',
  'dachuan-housing': 'wage',
  'single-1': 'wage',
  'single-2': 'wage',
  'kaijiang-card': 'card',
  'single-4': 'card',
  'wanyuan-pension': 'pension',
  'single-3': 'pension',
  'qu-company': 'contribution',
  'tongchuan-school': 'contract',
  'dachuan-quarry': 'injury',
  'single-5': 'injury',
  'single-6': 'unemployment',
};

/** Every pair of labelled posts with its label. */
export function labelledPairs(posts: readonly LabelledPost[] = LABELLED_POSTS): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (let a = 0; a < posts.length; a++) {
    for (let b = a + 1; b < posts.length; b++) {
      const pa = posts[a]!;
      const pb = posts[b]!;
      pairs.push({
        a,
        b,
        same: pa.group === pb.group,
        sameTopic: TOPIC_OF_GROUP[pa.group] === TOPIC_OF_GROUP[pb.group],
        repost: !!(pa.repost || pb.repost),
      });
    }
  }
  return pairs;
}
