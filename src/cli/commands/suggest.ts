import { loadLibrary } from '../../library/load.ts';
import { formatSuggestion } from '../../library/format.ts';
import { suggest } from '../../library/suggest.ts';
import { parseArgs } from '../args.ts';

export const summary = '为新项目推荐一整套指标：suggest "<项目名称>" [--purpose "<资金用途>"] [--amount <万元>] [--year <年度>] [--json]';

export async function run(args: string[]): Promise<number> {
  const { positionals, flags, options } = parseArgs(args, ['purpose', 'amount', 'year']);
  const name = positionals.join(' ').trim();
  const amountText = options.get('amount');
  const amount = amountText === undefined ? undefined : Number(amountText);
  const yearText = options.get('year');
  const year = yearText === undefined ? undefined : Number(yearText);
  if (!name) {
    console.error('用法：perf-target suggest "<项目名称>" [--purpose "<资金用途>"] [--amount <万元>] [--json]');
    return 2;
  }
  if (amount !== undefined && !(Number.isFinite(amount) && amount > 0)) {
    console.error(`--amount 应为大于 0 的数字（单位：万元），例如 --amount 20；收到的是「${amountText}」。`);
    return 2;
  }
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    console.error(`--year 应为四位年份，例如 --year 2026；收到的是「${yearText}」。`);
    return 2;
  }
  const result = suggest(loadLibrary(), { name, purpose: options.get('purpose'), amount, year });
  console.log(flags.has('json') ? JSON.stringify(result, null, 2) : formatSuggestion(result));
  return 0;
}
