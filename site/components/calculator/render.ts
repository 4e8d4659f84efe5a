// Renders a calculation as HTML laid out like Sichuan's 社会保险业务办理结果通知单: the answer,
// a table of the figures used (each with its source, effective date and a badge when it is not an
// official original), then each line with its formula and amount. One function for the page's
// pre-rendered example (at build time) and for live answers in the browser, so they never differ.
import type { CalculationResult } from '../../../policy/calculators.ts';
import { CONFIDENCE_LABELS } from '../../../policy/schema.ts';
import { DEFAULT_REGION, roleId, type ParameterRole } from '../../../policy/region.ts';
import type { ParameterUse } from '../../../policy/parameters.ts';
import type { Figure } from '../../../policy/trace.ts';
import { formatAge, formatDate, formatMoney, formatNumber, formatPercent, formatYearsMonths } from '../../../policy/format.ts';

// The site serves the bundled region; province figures are named by role, as in the calculators.
const role = (r: ParameterRole) => roleId(DEFAULT_REGION, r);

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const MONEY_UNITS = new Set(['元', '元/月', '元/年']);

/** A figure written the way residents read it: 1,980.00 元/月, 90%, 18 个月. */
export function formatValue(value: number | string, unit = ''): string {
  if (unit === '规则表') unit = ''; // a rule table's rows carry their meaning in the row name
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}(-\d{2})?$/.test(value)) return formatDate(value);
    return unit && /\d$/.test(value) ? `${value} ${unit}` : value;
  }
  if (MONEY_UNITS.has(unit)) return `${formatMoney(value)}${unit === '元' ? '' : unit.slice(1)}`;
  if (unit === '比例') return formatPercent(value);
  if (unit === '倍') return `${formatNumber(value)} 倍`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

interface Headline {
  label: string;
  value: string;
  main?: boolean;
  /** The parameters this line rests on (their ids); unset means every parameter the result used.
   *  A line resting on an unverified or estimated figure carries the badge in the line itself. */
  rests?: string[];
}

type R = CalculationResult & Record<string, unknown>;
const num = (r: R, k: string) => r[k] as number;

/** The answer in a line or three, per calculator. */
export function headlines(id: string, r: R): Headline[] {
  switch (id) {
    case 'severance':
      return [
        { label: '经济补偿金', value: formatMoney(num(r, 'total')), main: true },
        { label: '工作年限（N）', value: `${formatNumber(num(r, 'years'))} 个月工资`, rests: ['national/severance-years-cap'] },
        { label: r.raisedToMinimumWage ? '计算用的月工资（按最低工资标准）' : '计算用的月工资', value: formatMoney(num(r, 'monthlyBase')) },
      ];
    case 'unemployment':
      return r.eligible
        ? [
            { label: '每月失业保险金', value: formatMoney(num(r, 'monthlyAmount')), main: true },
            {
              label: r.extendedToRetirement ? '可领到法定退休年龄' : '最长领取',
              value: `${num(r, 'months')} 个月`,
              rests: ['national/unemployment-duration', 'national/unemployment-until-retirement'],
            },
            { label: '最多合计', value: formatMoney(num(r, 'total')) },
          ]
        : [{ label: '累计缴费不满 1 年', value: '不能领取失业保险金', main: true, rests: ['national/unemployment-duration'] }];
    case 'work-injury':
      if (r.deathGrant !== undefined) return [{ label: '一次性工亡补助金', value: formatMoney(num(r, 'deathGrant')), main: true }];
      return [
        {
          label: '一次性伤残补助金',
          value: formatMoney(num(r, 'lumpSum')),
          main: true,
          rests: ['national/work-injury-wage-floor', 'national/work-injury-wage-cap', 'national/work-injury-disability-months'],
        },
        ...(r.monthlyAllowance !== undefined
          ? [
              {
                label: r.allowanceRaisedToMinimumWage ? '伤残津贴（每月，补足到最低工资标准）' : '伤残津贴（每月）',
                value: formatMoney(num(r, 'monthlyAllowance')),
              },
            ]
          : []),
        { label: '本人工资（计发基数）', value: formatMoney(num(r, 'wageBase')), rests: ['national/work-injury-wage-floor', 'national/work-injury-wage-cap'] },
      ];
    case 'employee-pension':
      if (!r.eligible) {
        return [
          { label: '能否按月领取', value: '暂不能按月领取基本养老金', main: true, rests: ['national/minimum-contribution-years'] },
          { label: '原因', value: String(r.reason), rests: ['national/minimum-contribution-years'] },
        ];
      }
      return [
        { label: '每月基本养老金', value: formatMoney(num(r, 'total')), main: true },
        { label: '基础养老金', value: formatMoney(num(r, 'basic')), rests: [role('pensionBenefitBase'), 'national/basic-pension-accrual-rate'] },
        { label: '个人账户养老金', value: formatMoney(num(r, 'personalAccount')), rests: ['national/annuity-months'] },
        { label: '过渡性养老金', value: formatMoney(num(r, 'transitional')), rests: [role('pensionBenefitBase'), role('transitionalPensionRate')] },
        { label: '增发养老金', value: formatMoney(num(r, 'extra')), rests: [role('pensionBenefitBase'), role('extraPensionRate')] },
      ];
    case 'resident-pension':
      if (!r.eligible) {
        return [
          { label: '能否按月领取', value: '暂不能按月领取城乡居民养老金', main: true, rests: ['national/resident-pension-minimum-years'] },
          { label: '原因', value: String(r.reason), rests: ['national/resident-pension-minimum-years'] },
        ];
      }
      return [
        { label: r.basicIsComplete ? '每月养老金' : '每月养老金（至少）', value: formatMoney(num(r, 'total')), main: true },
        { label: '个人账户养老金', value: formatMoney(num(r, 'personalAccount')), rests: ['national/resident-pension-account-divisor'] },
        { label: r.basicIsComplete ? '基础养老金' : '基础养老金（已知部分）', value: formatMoney(num(r, 'basic')) },
      ];
    case 'flexible-contribution':
      return [
        { label: '每月应缴', value: formatMoney(num(r, 'monthly')), main: true },
        { label: '其中记入个人账户', value: formatMoney(num(r, 'toPersonalAccount')) },
        { label: '月缴费基数', value: formatMoney(num(r, 'base')) },
      ];
    case 'retirement-age': {
      const age = r.age as { years: number; months: number };
      return [
        { label: '法定退休年龄', value: formatAge(age), main: true },
        { label: '退休年月', value: formatDate(r.retirementDate as string) },
        { label: '最低缴费年限', value: formatYearsMonths(r.minimumContributionYears as { years: number; months: number }) },
      ];
    }
    default:
      return [];
  }
}

/** What a headline line must carry: 估算 when a figure under it is an estimate, 未核实 when one is
 *  unverified. The same rule for the page, the tests and anything else that shows a headline. */
export function headlineMarks(h: Headline, r: CalculationResult): { estimated: boolean; unverified: boolean } {
  const under = r.parameters.filter((p) => h.rests === undefined || h.rests.includes(p.id));
  return { estimated: under.some((p) => p.estimate), unverified: under.some((p) => p.confidence === 'unverified') };
}

export function confidenceBadge(confidence: ParameterUse['confidence']): string {
  if (confidence === 'official') return '';
  return `<span class="calc-badge calc-badge--${escapeHtml(confidence)}">${escapeHtml(CONFIDENCE_LABELS[confidence])}</span>`;
}

function sourceHtml(p: ParameterUse): string {
  const title = escapeHtml(p.source.title) + (p.source.docNumber ? `（${escapeHtml(p.source.docNumber)}）` : '');
  return p.source.href ? `<a href="${escapeHtml(p.source.href)}" rel="noopener">${title}</a>` : title;
}

function figureHtml(f: Figure): string {
  return `<li><span class="calc-fig-name">${escapeHtml(f.name)}</span>：<span class="calc-fig-value">${escapeHtml(formatValue(f.value, f.unit))}</span>${f.fromInput ? '<span class="calc-fig-src">（您填写）</span>' : ''}</li>`;
}

export function renderResultHtml(id: string, r: CalculationResult): string {
  const rr = r as R;
  const heads = headlines(id, rr)
    .map((h) => {
      const marks = headlineMarks(h, r);
      const badges =
        (marks.estimated ? ' <span class="calc-badge calc-badge--estimated">估算</span>' : '') + (marks.unverified ? ` ${confidenceBadge('unverified')}` : '');
      return `<div class="calc-answer-row${h.main ? ' calc-answer-main' : ''}"><dt>${escapeHtml(h.label)}</dt><dd>${escapeHtml(h.value)}${badges}</dd></div>`;
    })
    .join('');
  // An estimate is said above the answer, not only among the notes.
  const estimate = r.estimated
    ? `<p class="calc-estimate" role="note"><strong>这是估算。</strong>${r.estimates
        .map((e) => `${escapeHtml(e.label)}：${e.forYear} 年的数还没有收录，按 ${e.usedYear} 年的数计算。`)
        .join('')}</p>`
    : '';

  const params = r.parameters
    .map(
      (p) => `<tr>
  <th scope="row">${escapeHtml(p.label)}${p.key ? `（${escapeHtml(p.key)}）` : ''}</th>
  <td class="calc-num">${escapeHtml(formatValue(p.value, p.unit))}</td>
  <td>${escapeHtml(formatDate(p.effectiveDate))}起${p.estimate ? `<div class="calc-note-small">估算：${escapeHtml(p.estimate.reason)}</div>` : ''}</td>
  <td>${sourceHtml(p)} ${confidenceBadge(p.confidence)}${p.note ? `<div class="calc-note-small">${escapeHtml(p.note)}</div>` : ''}</td>
</tr>`,
    )
    .join('');

  const steps = r.steps
    .map(
      (s, i) => `<tr${s.sumOf ? ' class="calc-total-row"' : ''}>
  <th scope="row"><span class="calc-step-no">${i + 1}</span> ${escapeHtml(s.what)}</th>
  <td><div class="calc-formula">${escapeHtml(s.formula)}</div><ul class="calc-figures">${s.figures.map(figureHtml).join('')}</ul></td>
  <td class="calc-num">${escapeHtml(formatValue(s.result, s.unit))}</td>
</tr>`,
    )
    .join('');

  const unknown = r.unknown.length
    ? `<section class="calc-unknown"><h3>暂不知道的部分</h3><ul>${r.unknown
        .map((u) => `<li><strong>${escapeHtml(u.label)}</strong>：未知。${escapeHtml(u.reason)}。</li>`)
        .join('')}</ul></section>`
    : '';
  const notes = r.notes.length
    ? `<section class="calc-notes"><h3>请注意</h3><ul>${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`
    : '';

  return `${estimate}<dl class="calc-answer">${heads}</dl>
<section class="calc-explain">
  <h3>逐项计算</h3>
  <table class="calc-table calc-steps"><thead><tr><th scope="col">项目</th><th scope="col">算式和代入的数</th><th scope="col">结果</th></tr></thead><tbody>${steps}</tbody></table>
</section>
${unknown}
<section class="calc-explain">
  <h3>用到的政策参数和出处</h3>
  <table class="calc-table calc-params"><thead><tr><th scope="col">参数</th><th scope="col">数值</th><th scope="col">生效日期</th><th scope="col">出处</th></tr></thead><tbody>${params}</tbody></table>
</section>
${notes}
<p class="calc-disclaimer">计算结果仅供参考，以社保经办机构或劳动仲裁机构的核定为准。</p>`;
}

export function renderProblemHtml(message: string): string {
  return `<div class="calc-problem" role="alert"><p>${escapeHtml(message).replace(/\n/g, '<br>')}</p></div>`;
}
