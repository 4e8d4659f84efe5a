// The project's own sentiment lexicon for 人社 complaints. Written for this project (not copied from
// HowNet/NTUSD/大连理工): words residents use on message boards about wages, social insurance,
// pensions and service windows, plus common everyday emotion words. Weights are rough intensities.

/** Complaint and distress words. Longer phrases win over their parts when matching. */
export const NEGATIVE_WORDS: Readonly<Record<string, number>> = {
  // 欠薪 / 劳动关系
  欠薪: 1.5, 拖欠: 1.5, 拖着不给: 2, 一拖再拖: 1.5, 不给: 1, 不发: 1, 不结: 1, 克扣: 1.5, 扣着: 1,
  跑路: 1.5, 卷款: 1.5, 讨薪: 1, 讨要: 0.8, 要不回: 1.5, 讨不回: 1.5, 拿不到: 1.2, 没拿到: 1.2,
  血汗钱: 1, 黑心: 2, 老赖: 2, 压榨: 2, 违法辞退: 1.5, 无故辞退: 1.5, 逼着: 1, 威胁: 1.5, 欺负: 1.5,
  霸王条款: 1.5, 玩失踪: 1.5, 不露面: 1, 躲着: 1, 赶出来: 1.5, 被打: 2, 嚣张: 1.5, 良心: 0.8,
  // 推诿 / 服务
  推诿: 2, 推来推去: 2, 踢皮球: 2, 互相推脱: 2, 推脱: 1.5, 扯皮: 1.5, 敷衍: 2, 糊弄: 2, 搪塞: 1.5,
  没人管: 2, 没人理: 2, 没人接: 1.5, 没人回复: 1.5, 没有人管: 2, 有没有人管: 2, 投诉无门: 2.5, 讨薪无门: 2.5,
  走投无路: 2.5, 没办法: 1, 没下文: 1.5, 没有下文: 1.5, 石沉大海: 2, 不了了之: 1.5, 没有结果: 1.2,
  没解决: 1.5, 没有解决: 1.5, 未解决: 1.5, 不解决: 1.5, 打不通: 1.2, 占线: 0.8, 不理: 1.2,
  态度恶劣: 2, 态度差: 2, 态度很差: 2, 态度冷漠: 2, 冷漠: 1.5, 不耐烦: 1.5, 发脾气: 1.5, 阴阳怪气: 1.5,
  效率太低: 1.5, 效率低: 1.2, 拖拖拉拉: 1.5, 折腾: 1.2, 来回跑: 1, 白跑: 1.2, 跑了好几趟: 1.2,
  摆设: 1.5, 官话套话: 1.5, 套话: 1, 形式主义: 1.5, 不透明: 1.2, 不公平: 1.5, 不公: 1.5, 不合理: 1.2,
  不合法: 1.2, 违法: 1, 骗人: 2, 坑人: 2, 太坑: 2, 坑: 0.8, 黑中介: 2, 乱收费: 2, 内定: 1.5, 关系户: 1.5,
  失信: 1.5, 不讲诚信: 2, 说一套做一套: 2, 没兑现: 1.5, 不兑现: 1.5, 不执行: 1.2, 执行不了: 1.2,
  交不起: 1.5, 不够: 0.8, 太少: 1, 少算: 1.2, 算错: 1.2, 多扣: 1.2, 停发: 1.2, 断缴: 0.8, 被冻结: 1,
  崩溃: 1.2, 闪退: 1.2, 报错: 1, 失败: 0.8, 出问题: 1, 没人负责: 2, 谁来负责: 1.5, 谁来管: 1.5,
  怨声载道: 2, 寒心: 2, 心寒: 2, 失望: 1.5, 太失望: 2, 无奈: 1.2, 委屈: 1.2, 着急: 0.8, 等不起: 1.5,
  撑不下去: 2, 活不下去: 2.5, 过分: 1.5, 太过分: 2, 霸道: 1.5, 欺人太甚: 2.5, 王法: 1.5, 讨说法: 1.5,
  说法: 0.5, 偏向: 1.2, 刁难: 2, 吃拿卡要: 2.5, 腐败: 2, 骗取: 1.5, 严惩: 1.5, 查一查: 1, 曝光: 1,
  // everyday emotion words (so general posts are not blind spots)
  生气: 1.5, 气死: 2, 愤怒: 2, 恼火: 1.5, 讨厌: 1.5, 恶心: 2, 难过: 1.5, 伤心: 1.5, 痛苦: 1.5, 绝望: 2.5,
  害怕: 1.2, 担心: 0.8, 焦虑: 1.2, 烦: 1, 烦死: 2, 无语: 1.2, 垃圾: 2, 差劲: 2, 太差: 2, 很差: 1.5,
  糟糕: 1.5, 倒霉: 1.2, 可恶: 2, 可怜: 1, 难受: 1.5, 哭: 1, 郁闷: 1.2, 憋屈: 1.5, 吐槽: 1, 骂: 1.2,
  投诉: 0.6, 不满: 1.5, 不满意: 1.5,
  // crisis words are also plainly negative
  跳楼: 2, 自杀: 2, 轻生: 2, 以死相逼: 2.5, 寻短见: 2, 不想活了: 2.5, 死亡: 1, 身亡: 1, 事故: 1,
};

/** Thanks, praise and "it got solved". */
export const POSITIVE_WORDS: Readonly<Record<string, number>> = {
  感谢: 2, 谢谢: 1.5, 多谢: 1.5, 感恩: 2, 点赞: 2, 点个赞: 2, 好评: 2, 赞: 1, 满意: 1.5, 辛苦了: 1.5,
  及时解决: 2, 得到解决: 1.5, 妥善解决: 1.5, 圆满解决: 2, 已经解决: 1.5, 问题解决了: 1.5, 解决了: 1,
  到账了: 1, 全部到账: 1.5, 拿到了: 1, 要回了: 1.5, 讨回了: 1.5, 结清了: 1.5, 补发: 0.8,
  效率很高: 2, 效率高: 1.5, 很快: 1, 及时: 1, 方便: 1.2, 便民: 1.5, 贴心: 2, 暖心: 2, 热情: 1.5,
  耐心: 1.5, 周到: 1.5, 专业: 1, 负责: 0.8, 公正: 1.2, 透明: 1, 好政策: 2, 实用: 1.2, 顺利: 1.2,
  为民: 1, 担当: 1.2, 放心: 1.2, 感动: 1.5, 温暖: 1.5,
  // everyday
  开心: 1.5, 高兴: 1.5, 快乐: 1.5, 幸福: 1.5, 喜欢: 1.2, 棒: 1.2, 加油: 1, 期待: 1, 好看: 1, 美好: 1.2,
  希望越来越好: 1.5, 祝福: 1.2, 不错: 1.2, 很好: 1.2, 挺好: 1.2, 划算: 1, 知足: 1.2, 越来越好: 1.2,
};

/** Intensifiers and how much they multiply the next sentiment word. */
export const DEGREE_WORDS: Readonly<Record<string, number>> = {
  太: 1.5, 非常: 1.5, 特别: 1.5, 极其: 2, 十分: 1.5, 很: 1.2, 实在: 1.3, 简直: 1.5, 根本: 1.5, 真的: 1.2,
  一直: 1.3, 完全: 1.5, 严重: 1.5, 越来越: 1.2, 好几: 1.2, 最: 1.5, 超级: 1.5, 有点: 0.7, 稍微: 0.6,
};

/** Words that reverse the sentiment word they precede in the same clause. */
export const NEGATORS: readonly string[] = ['不是', '并非', '并不', '没有', '不', '没', '未', '别', '无', '非', '不再', '毫无'];

/** Words that ask for action: together with negative words they mark a complaint (诉求). */
export const APPEAL_WORDS: readonly string[] = [
  '要求', '希望', '恳请', '请求', '跪求', '呼吁', '强烈要求', '请领导', '求助', '帮帮', '做主', '讨个说法',
];

/** Polite enquiry markers: a 咨询 is neutral even when it names 欠薪 or 社保. */
export const QUESTION_WORDS: readonly string[] = [
  '请问', '咨询', '想问', '问一下', '问下', '想了解', '了解一下', '怎么办理', '如何办理', '怎么申请', '需要哪些',
  '需要什么', '在哪里', '什么时候', '多久', '可以吗', '吗？', '吗?', '您好', '麻烦',
];

/** Text that resembles a crisis word but is not one (跳楼价 is a sale). */
export const NOT_CRISIS: readonly string[] = ['跳楼价', '跳楼甩卖', '跳楼大甩卖', '跳楼大减价', '自杀式'];

/** Clause boundaries: negation and degree do not cross them. */
export const CLAUSE_BREAK = /[，。！？；、,.!?;\n\s：:（）()…~～]/;
