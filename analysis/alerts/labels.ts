// The words staff read for alert levels, states and actions — one list for the console, the CLI
// and the notifications (levels and states themselves: shared/vocabulary.ts). 蓝/黄/橙/红 = 四级/三级/二级/一级 = 一般/较大/重大/特别重大.
import type { AlertAction, AlertLevel } from '../../store/types.ts';
import { LEVEL_LABEL, STATUS_LABEL } from '../../shared/vocabulary.ts';

export { LEVEL_LABEL, STATUS_LABEL };

/** 橙·重大 — short, for badges and tables. */
export const levelText = (level: AlertLevel) => `${LEVEL_LABEL[level].colour}·${LEVEL_LABEL[level].name}`;

/** 橙色（重大） — for sentences and notifications. */
export const LEVEL_NAMES: Record<AlertLevel, string> = {
  blue: `${LEVEL_LABEL.blue.colour}色（${LEVEL_LABEL.blue.name}）`,
  yellow: `${LEVEL_LABEL.yellow.colour}色（${LEVEL_LABEL.yellow.name}）`,
  orange: `${LEVEL_LABEL.orange.colour}色（${LEVEL_LABEL.orange.name}）`,
  red: `${LEVEL_LABEL.red.colour}色（${LEVEL_LABEL.red.name}）`,
};

export const ACTION_LABEL: Record<AlertAction, string> = {
  raised: '生成预警',
  updated: '新增帖子',
  escalated: '级别升高',
  acknowledged: '确认',
  assigned: '指派',
  in_progress: '开始处置',
  responded: '已回应',
  closed: '关闭',
  false_positive: '标为误报',
  reopened: '重新打开',
  note: '备注',
  notified: '已推送通知',
  merged: '合并预警',
  post_moved_out: '移出帖子',
};
