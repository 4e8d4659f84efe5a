// The local monthly minimum wage as a legal floor (经济补偿的月工资、伤残津贴). A typed figure wins;
// otherwise the region's recorded standard (role localMinimumWage), estimated past its review date. The standard is recorded in the
// trace only when it changes the answer, so an amount well above it is not called an estimate.
import { Dec } from '../decimal.ts';
import { InputError } from '../input.ts';
import { MissingParameterError, parameterFile, tableAsOf } from '../parameters.ts';
import { roleId, shortName, type PolicyContext } from '../region.ts';
import { paramFigure, type Figure, type Trace } from '../trace.ts';

export interface Floored {
  /** The amount after the floor. */
  value: Dec;
  raised: boolean;
  /** The minimum wage figure, when it was raised to it. */
  figure?: Figure;
  /** No standard is known for the date and the amount might be below it: the caller says so. */
  unknown: boolean;
}

/** Minimum wages only ever rise, so an amount at or above the latest recorded standard is above
 *  every earlier one, even one we could not source. */
function aboveEveryRecordedStandard(ctx: PolicyContext, amount: Dec): boolean {
  const values = Object.values(parameterFile(roleId(ctx.region, 'localMinimumWage'), ctx.table).values).flatMap((v) =>
    v.value !== null && typeof v.value === 'object' ? Object.values(v.value).map(Number) : [],
  );
  return values.length > 0 && !amount.lt(Math.max(...values));
}

export function floorToMinimumWage(
  ctx: PolicyContext,
  t: Trace,
  date: string,
  amount: Dec,
  opts: { typed?: number; field: string; fieldLabel: string },
): Floored {
  if (opts.typed !== undefined) {
    if (!amount.lt(opts.typed)) return { value: amount, raised: false, unknown: false };
    return {
      value: Dec.of(opts.typed),
      raised: true,
      unknown: false,
      figure: { name: '当地月最低工资标准', value: opts.typed, unit: '元/月', fromInput: opts.field },
    };
  }
  const id = roleId(ctx.region, 'localMinimumWage');
  const city = shortName(ctx.region.city);
  let wages: ReturnType<typeof tableAsOf>;
  try {
    wages = tableAsOf(id, date, ctx.table, { estimate: true });
  } catch (err) {
    if (!(err instanceof MissingParameterError)) throw err;
    if (aboveEveryRecordedStandard(ctx, amount)) return { value: amount, raised: false, unknown: false };
    t.gap({ id, label: '当地月最低工资标准', effectiveDate: null, reason: err.message.replace(/。$/, ''), source: null });
    return { value: amount, raised: false, unknown: true };
  }
  const distinct = [...new Set(Object.values(wages.rows).map(Number))];
  // At or above every district's standard, which district it is does not matter.
  if (!amount.lt(Math.max(...distinct))) return { value: amount, raised: false, unknown: false };
  if (distinct.length > 1) {
    throw new InputError([{ field: opts.field, label: opts.fieldLabel, message: `${city}各区县这一时期的最低工资标准不同，请填写当地月最低工资标准` }]);
  }
  if (!amount.lt(distinct[0]!)) return { value: amount, raised: false, unknown: false };
  const p = t.use(wages.at(Object.keys(wages.rows)[0]!));
  return { value: Dec.of(p.value), raised: true, unknown: false, figure: paramFigure(p, `${city}月最低工资标准`) };
}
