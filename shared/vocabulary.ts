// The words every stage shares, declared once: sentiments, alert levels (and their order), alert
// statuses (and which are open), topics — the ids the store keeps and the Chinese staff read.
// 蓝/黄/橙/红 = 四级/三级/二级/一级 = 一般/较大/重大/特别重大 (national 政务舆情 levels).

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const SENTIMENT_LABEL: Record<Sentiment, string> = { negative: '负面', neutral: '中性', positive: '正面' };

/** The level order, least serious first: the one place it is written down. */
export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
/** Most serious first, as lists, charts and digests show them. */
export const LEVEL_ORDER: readonly AlertLevel[] = [...ALERT_LEVELS].reverse();
/** 0 for blue … 3 for red: compare levels by rank, never by name. */
export const levelRank = (level: AlertLevel): number => ALERT_LEVELS.indexOf(level);

export const LEVEL_LABEL: Record<AlertLevel, { colour: string; name: string; grade: string }> = {
  red: { colour: '红', name: '特别重大', grade: '一级' },
  orange: { colour: '橙', name: '重大', grade: '二级' },
  yellow: { colour: '黄', name: '较大', grade: '三级' },
  blue: { colour: '蓝', name: '一般', grade: '四级' },
};

/** new → acknowledged → (assigned) → in_progress 处置中 → responded → closed, or false_positive. */
export const ALERT_STATUSES = ['new', 'acknowledged', 'assigned', 'in_progress', 'responded', 'closed', 'false_positive'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** An alert in these states is over: no more work, no more reminders. */
export const ENDED_STATUSES: readonly AlertStatus[] = ['closed', 'false_positive'];
/** Everything not ended still needs the duty officer. */
export const OPEN_STATUSES: readonly AlertStatus[] = ALERT_STATUSES.filter((s) => !ENDED_STATUSES.includes(s));
export const isOpenStatus = (status: AlertStatus): boolean => !ENDED_STATUSES.includes(status);

export const STATUS_LABEL: Record<AlertStatus, string> = {
  new: '待处理',
  acknowledged: '已确认',
  assigned: '已指派',
  in_progress: '处置中',
  responded: '已回应',
  closed: '已关闭',
  false_positive: '误报',
};

/** The 人社 business lines a post can be about; `other` is everything else. */
export const TOPICS = [
  'wages',
  'pension',
  'social_insurance',
  'unemployment',
  'work_injury',
  'labor_dispute',
  'employment_training',
  'service_attitude',
  'online_service',
  'social_security_card',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];
export const OTHER_TOPIC: Topic = 'other';

/** What staff see: the console, alert titles and notifications show these, never the ids. */
export const TOPIC_LABELS: Record<Topic, string> = {
  wages: '欠薪/工资',
  pension: '养老保险',
  social_insurance: '社保缴费/医保',
  unemployment: '失业保险',
  work_injury: '工伤',
  labor_dispute: '劳动关系/争议',
  employment_training: '就业/培训/考试',
  service_attitude: '服务态度',
  online_service: '网上办事',
  social_security_card: '社保卡',
  other: '其他',
};

/** Chinese label of a stored topic; scores stored before the ids existed already hold Chinese and pass through. */
export function topicLabel(topic: string): string {
  return (TOPIC_LABELS as Record<string, string>)[topic] ?? topic;
}
