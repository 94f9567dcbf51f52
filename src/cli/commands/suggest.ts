import { parseArgs } from 'node:util';
import { compose } from '../../compose/index.ts';
import { formatComposition } from '../../compose/format.ts';
import { loadLibrary } from '../../library/load.ts';

export const summary = '按项目内容拟定一整套指标和绩效目标：suggest "<项目名称>" [--purpose "<资金用途>"] [--amount <万元>] [--year <年度>] [--department "<预算部门>"] [--json]';
const USAGE = '用法：perf-target suggest "<项目名称>" [--purpose "<资金用途>"] [--amount <万元>] [--year <年度>] [--department "<预算部门>"] [--json]';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        purpose: { type: 'string' },
        amount: { type: 'string' },
        year: { type: 'string' },
        department: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (err) {
    // An unknown or misspelt option must not silently become part of the project name.
    console.error(`参数有误（${(err as Error).message}）\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const name = positionals.join(' ').trim();
  const amount = values.amount === undefined ? undefined : Number(values.amount);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (!name) {
    console.error(USAGE);
    return 2;
  }
  if (amount !== undefined && !(Number.isFinite(amount) && amount > 0)) {
    console.error(`--amount 应为大于 0 的数字（单位：万元），例如 --amount 20；收到的是「${values.amount}」。`);
    return 2;
  }
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    console.error(`--year 应为四位年份，例如 --year 2026；收到的是「${values.year}」。`);
    return 2;
  }
  const result = compose(loadLibrary(), { name, purpose: values.purpose, amount, year, department: values.department });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatComposition(result));
  return 0;
}
