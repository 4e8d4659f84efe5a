// The 明白纸 review workflow as pure functions: draft → submitted → approved (by someone other than
// the version's author) → published now or at a set time; unpublish; every edit a new version;
// roll back to any version. The console calls `decide`, persists what it returns, and audits it.
import type { Role } from '../store/types.ts';
import type { ExplainerRecord, ExplainerState, ExplainerVersion } from '../store/publicity.ts';

export type { ExplainerRecord, ExplainerState, ExplainerVersion };

export const STATE_LABELS: Record<ExplainerState, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核，待发布',
  scheduled: '定时发布',
  published: '已发布',
};

export interface Actor {
  name: string;
  role: Role;
}

export type WorkflowAction =
  | { type: 'save'; source: string; note?: string | null }
  | { type: 'submit' }
  | { type: 'reject'; note: string }
  | { type: 'approve' }
  | { type: 'publish'; at?: string | null }
  | { type: 'unpublish' }
  | { type: 'rollback'; to: number };

export type Decision =
  | {
      ok: true;
      record: ExplainerRecord;
      /** A version to append (save, rollback). */
      newVersion: ExplainerVersion | null;
      /** Set the approver on this existing version (approve). */
      approveVersion: number | null;
      /** The site must be rebuilt before the record is stored (publish now, unpublish). */
      rebuild: boolean;
      audit: { action: string; detail: string };
    }
  | { ok: false; status: 403 | 409 | 422; error: string };

/** Publicity staff and administrators write 明白纸; duty officers do not. */
export const canWriteExplainers = (role: Role) => role === 'publicity' || role === 'admin';

/** File names become URLs (/explainers/<id>/): lower-case letters, digits and hyphens. */
export const EXPLAINER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function validateExplainerId(id: string): string | null {
  if (!id) return '请填写页面地址（英文小写字母、数字和连字符，例如 unemployment-benefit）';
  if (id.length > 60) return '页面地址不超过 60 个字符';
  if (!EXPLAINER_ID.test(id)) return '页面地址只能用英文小写字母、数字和连字符（-），例如 unemployment-benefit';
  return null;
}

export function newRecord(id: string, version: ExplainerVersion): ExplainerRecord {
  return {
    id,
    state: 'draft',
    currentVersion: version.number,
    submittedBy: null,
    approvedBy: null,
    publishedVersion: null,
    publishedAt: null,
    publishAt: null,
    updatedAt: version.createdAt,
  };
}

/** A page that was already on the site before the console knew it: version 1, published. */
export function importedRecord(id: string, source: string, at: string): { record: ExplainerRecord; version: ExplainerVersion } {
  const version: ExplainerVersion = {
    explainerId: id,
    number: 1,
    source,
    author: '（从文件导入）',
    createdAt: at,
    note: '网站上已有的版本',
    approvedBy: '（从文件导入）',
  };
  return { version, record: { ...newRecord(id, version), state: 'published', publishedVersion: 1, publishedAt: at, approvedBy: version.approvedBy } };
}

const fail = (status: 403 | 409 | 422, error: string): Decision => ({ ok: false, status, error });

/**
 * What an action does to an explainer, or why it is refused. `versions` are the explainer's
 * versions (any order); `now` is an ISO time.
 */
export function decide(record: ExplainerRecord, versions: ExplainerVersion[], action: WorkflowAction, actor: Actor, now: string): Decision {
  if (!canWriteExplainers(actor.role)) return fail(403, '只有宣传人员和管理员可以编辑、审核或发布明白纸');
  const current = versions.find((v) => v.number === record.currentVersion);
  if (!current) return fail(409, `找不到第 ${record.currentVersion} 版`);
  const nextNumber = Math.max(...versions.map((v) => v.number)) + 1;
  const base = { ...record, updatedAt: now };
  const ok = (r: ExplainerRecord, audit: { action: string; detail: string }, extra: Partial<Extract<Decision, { ok: true }>> = {}): Decision => ({
    ok: true,
    record: r,
    newVersion: null,
    approveVersion: null,
    rebuild: false,
    audit,
    ...extra,
  });

  switch (action.type) {
    case 'save': {
      if (!action.source.trim()) return fail(422, '内容是空的');
      if (action.source === current.source) return fail(409, '内容没有改动');
      if (record.state === 'scheduled') return fail(409, '这一版已定时发布；要修改请先取消定时（撤回）');
      const version: ExplainerVersion = {
        explainerId: record.id,
        number: nextNumber,
        source: action.source,
        author: actor.name,
        createdAt: now,
        note: action.note ?? null,
        approvedBy: null,
      };
      // Any edit needs a fresh review: what was approved is not what is now written.
      return ok(
        { ...base, state: 'draft', currentVersion: nextNumber, submittedBy: null, approvedBy: null, publishAt: null },
        { action: 'explainer.save', detail: `保存第 ${nextNumber} 版` },
        { newVersion: version },
      );
    }
    case 'submit':
      if (record.state !== 'draft') return fail(409, `现在是“${STATE_LABELS[record.state]}”，只有草稿可以提交审核`);
      if (record.publishedVersion === record.currentVersion) return fail(409, '这一版已经在网站上，没有新的修改要审核');
      return ok({ ...base, state: 'submitted', submittedBy: actor.name }, { action: 'explainer.submit', detail: `第 ${record.currentVersion} 版提交审核` });
    case 'reject':
      if (record.state !== 'submitted') return fail(409, '只有待审核的明白纸可以退回');
      if (!action.note?.trim()) return fail(422, '退回时请写明要改什么');
      return ok(
        { ...base, state: 'draft', submittedBy: null },
        { action: 'explainer.reject', detail: `第 ${record.currentVersion} 版退回：${action.note.trim()}` },
      );
    case 'approve':
      if (record.state !== 'submitted') return fail(409, '只有待审核的明白纸可以审核通过');
      // Two people: whoever wrote this version (or sent it for review) cannot approve it.
      if (actor.name === current.author || actor.name === record.submittedBy) return fail(403, '不能审核自己写的版本，请另一位宣传人员或管理员审核');
      return ok(
        { ...base, state: 'approved', approvedBy: actor.name },
        { action: 'explainer.approve', detail: `第 ${record.currentVersion} 版审核通过` },
        { approveVersion: record.currentVersion },
      );
    case 'publish': {
      if (record.state !== 'approved' && record.state !== 'scheduled') return fail(409, '审核通过后才能发布');
      const at = action.at ? new Date(action.at) : null;
      if (at && Number.isNaN(at.getTime())) return fail(422, '发布时间格式不对');
      if (at && at.getTime() > new Date(now).getTime()) {
        return ok(
          { ...base, state: 'scheduled', publishAt: at.toISOString() },
          { action: 'explainer.schedule', detail: `第 ${record.currentVersion} 版定时于 ${at.toISOString()} 发布` },
        );
      }
      return ok(
        { ...base, state: 'published', publishedVersion: record.currentVersion, publishedAt: now, publishAt: null },
        { action: 'explainer.publish', detail: `第 ${record.currentVersion} 版发布到网站` },
        { rebuild: true },
      );
    }
    case 'unpublish':
      if (record.state === 'scheduled') {
        return ok({ ...base, state: 'approved', publishAt: null }, { action: 'explainer.unschedule', detail: '取消定时发布' });
      }
      if (record.publishedVersion === null) return fail(409, '这张明白纸不在网站上');
      return ok(
        { ...base, state: record.state === 'published' ? 'draft' : record.state, publishedVersion: null, publishedAt: null },
        { action: 'explainer.unpublish', detail: `第 ${record.publishedVersion} 版从网站撤下` },
        { rebuild: true },
      );
    case 'rollback': {
      const target = versions.find((v) => v.number === action.to);
      if (!target) return fail(422, `没有第 ${action.to} 版`);
      if (record.state === 'scheduled') return fail(409, '有定时发布在等待，请先取消定时');
      if (target.number === record.currentVersion) return fail(409, `第 ${action.to} 版就是现在的版本`);
      // The text of an approved version was already checked by a second person: the copy keeps
      // that approval and can be published straight away, which is what a rollback is for.
      const approved = target.approvedBy;
      const version: ExplainerVersion = {
        explainerId: record.id,
        number: nextNumber,
        source: target.source,
        author: actor.name,
        createdAt: now,
        note: `回滚到第 ${target.number} 版`,
        approvedBy: approved,
      };
      return ok(
        { ...base, state: approved ? 'approved' : 'draft', currentVersion: nextNumber, submittedBy: null, approvedBy: approved, publishAt: null },
        { action: 'explainer.rollback', detail: `回滚到第 ${target.number} 版（新第 ${nextNumber} 版${approved ? '，沿用原审核' : '，需重新审核'}）` },
        { newVersion: version },
      );
    }
  }
}

/** Scheduled publications whose time has come. */
export const duePublications = (records: ExplainerRecord[], now: string) =>
  records.filter((r) => r.state === 'scheduled' && r.publishAt !== null && r.publishAt <= now);

export type ListStatus = ExplainerState | 'expired';

export const LIST_STATUS_LABELS: Record<ListStatus, string> = { ...STATE_LABELS, expired: '已失效' };

/** The status the list shows: a published page whose policy has ended is “expired”. */
export function listStatus(record: ExplainerRecord, effectiveTo: Date | null, today: Date): ListStatus {
  if (record.state === 'published' && effectiveTo && effectiveTo.getTime() < today.getTime()) return 'expired';
  return record.state;
}
