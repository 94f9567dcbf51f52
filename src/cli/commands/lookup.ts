import { loadLibrary } from '../../library/load.ts';
import { formatLookup, lookup } from '../../library/lookup.ts';
import { parseArgs } from '../args.ts';

export const summary = '查模板库中某类项目的常用指标：lookup <关键词> [--json]';

export async function run(args: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(args);
  const keyword = positionals.join(' ').trim();
  if (!keyword) {
    console.error('用法：perf-target lookup <关键词> [--json]，例如：perf-target lookup 社区矫正');
    return 2;
  }
  const result = lookup(loadLibrary(), keyword);
  console.log(flags.has('json') ? JSON.stringify(result, null, 2) : formatLookup(result));
  return 0;
}
