// `minsheng calc <id> --input '<json>'`: runs one benefit calculator and prints its result (the
// figures, every step and every parameter with its source) as JSON. Bad input exits 2 with the
// field named in Chinese; a figure missing for that date exits 1 and says which.
import { resolve } from 'node:path';
import type { Command } from '../command.ts';
import { DATA_HELP, DATA_OPTION, readAll, stringOption, UsageError } from '../command.ts';
import { CALCULATORS, calculatorsFor, findCalculator, runCalculator } from '../../policy/calculators.ts';
import { loadPolicyContext } from '../../config/policy-context.ts';
import { InputError } from '../../policy/input.ts';
import { MissingParameterError } from '../../policy/parameters.ts';

const list = CALCULATORS.map((c) => `  ${c.id.padEnd(22)} ${c.title}：${c.summary}`).join('\n');
const fieldHelp = CALCULATORS.map(
  (c) =>
    `  ${c.id}: ${c.fields.map((f) => `${f.name}${f.optional || f.variant ? '?' : ''}（${f.label}）`).join('，')}\n    例: --input '${JSON.stringify(c.example)}'`,
).join('\n');

export const command: Command = {
  name: 'calc',
  summary: '待遇计算器：按参数文件逐项计算并给出算式和出处',
  usage: `用法: minsheng calc <计算器> --input '<JSON>'
       minsheng calc <计算器> --input -      （从标准输入读 JSON）

计算器:
${list}

输入字段（? 为可选或二选一）:
${fieldHelp}

输出为 JSON（2 空格缩进）：各项结果，以及 steps（每一步：算什么、公式、用到的数、结果）
和 parameters（用到的每个参数：数值、生效日期、出处、可信度）。
- 某个数在这个日期还没有公布或收录时，按最近一年的数估算："estimated": true，estimates 列出
  哪个参数、需要哪一年（forYear）、用了哪一年（usedYear）；notes 第一条说明这是估算。
- 养老金计算器在累计缴费不满最低缴费年限时："eligible": false、"reason" 说明原因、"total": null。

选项:
  --input JSON      计算器的输入（JSON 对象），- 表示从标准输入读取
  --region FILE     地区配置文件（默认取环境变量 MINSHENG_REGION，否则 config/region.yaml）：
                    城市、区县，以及省级、市级参数所在的文件夹
${DATA_HELP}（计算器不读数据目录，接受此选项只为与其他命令一致）

退出码: 0 成功（含估算和“暂不能领取”的答案）；2 输入有误（会指出是哪个字段）；1 该日期没有可用的参数、也不能估算。`,
  options: { ...DATA_OPTION, input: { type: 'string', short: 'i' }, region: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, io, env) {
    const id = args.positionals[0]!;
    // Another region's file means its own districts, names and parameter folders; the bundled region
    // uses the generated parameters, as the site does.
    const regionFile = stringOption(args, 'region') ?? env?.regionFile;
    const calculators = regionFile ? calculatorsFor(loadPolicyContext(resolve(regionFile))) : CALCULATORS;
    if (!findCalculator(id, calculators)) throw new UsageError(`没有名为 “${id}” 的计算器；可用：${CALCULATORS.map((c) => c.id).join('、')}`);
    let text = stringOption(args, 'input');
    if (text === undefined) throw new UsageError('缺少参数 --input（计算器的输入 JSON）');
    if (text === '-') text = await readAll(io.stdin);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      io.stderr.write(`--input 不是有效的 JSON：${(err as Error).message}\n`);
      return 2;
    }
    try {
      const result = runCalculator(id, raw, calculators);
      io.stdout.write(JSON.stringify({ calculator: id, ...result }, null, 2) + '\n');
      return 0;
    } catch (err) {
      if (err instanceof InputError) {
        io.stderr.write(
          `输入有误：\n${err.message
            .split('\n')
            .map((l) => `  - ${l}`)
            .join('\n')}\n`,
        );
        return 2;
      }
      if (err instanceof MissingParameterError) {
        io.stderr.write(`无法计算：${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};
