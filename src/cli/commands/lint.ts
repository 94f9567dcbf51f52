/**
 * `perf-target lint <file.json> [--json]`: check one draft table; `lint <file.docx|.xlsx|.pdf>`: every
 * table in a Word, Excel or PDF file (read like an import, nothing stored), e.g. another unit's.
 * `perf-target lint --library [library.json] [--json]`: check every project of the template library.
 * Exit codes: 0 no error, 1 at least one error finding, 2 bad usage or unreadable input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { DraftTable } from '../../domain/draft.ts';
import { isDraftFileName, readDraftFile } from '../../domain/draftFile.ts';
import { tableLine } from '../../domain/importedFile.ts';
import { LIBRARY_FILE, loadLibrary } from '../../library/load.ts';
import { tableFromLibraryProject } from '../../library/toTable.ts';
import type { LibraryProject } from '../../library/types.ts';
import { review } from '../review.ts';
import { RULES, checkTable, fieldLabel, formatFindings, hasErrors, ruleSpec, type Finding, type Severity } from '../../rules/index.ts';

export const summary = '检查草稿、Word/Excel/PDF 表或模板库：lint <草稿.json|表.docx|.xlsx|.pdf> | lint --library [--json]';

export interface LintIO {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = '用法：perf-target lint <草稿.json|表.docx|表.xlsx|表.pdf> [--json]\n      perf-target lint --library [library.json] [--json]';
const MAX_BYTES = 10 * 1024 * 1024;

/** A problem with the user's input: reported as one line, never as a stack trace. */
class InputError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

interface Options {
  json: boolean;
  library: boolean;
  file?: string;
}

function parseArgs(args: string[]): Options | 'help' {
  const opts: Options = { json: false, library: false };
  for (const a of args) {
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') opts.json = true;
    else if (a === '--library') opts.library = true;
    else if (a.startsWith('-')) throw new InputError(`未知参数：${a}`, true);
    else if (opts.file === undefined) opts.file = a;
    else throw new InputError(`只能指定一个文件：${a}`, true);
  }
  if (!opts.library && opts.file === undefined) throw new InputError('请指定要检查的文件（.json 草稿、.docx、.xlsx 或 .pdf）', true);
  return opts;
}

/** The file's bytes, or an InputError naming what went wrong reading it. */
function readInput(file: string): Buffer {
  if (!existsSync(file)) throw new InputError(`找不到文件：${file}`);
  try {
    if (statSync(file).size > MAX_BYTES) throw new InputError(`文件过大（超过10MB）：${file}`);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`无法读取文件：${file}（${(e as NodeJS.ErrnoException).code ?? '读取失败'}）`);
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 160);
}

/** The draft in `file`, read by the same rules as the bot's upload and `render`. */
function readTable(file: string): DraftTable {
  const read = readDraftFile(readInput(file));
  if (!read.ok) throw new InputError(`${read.title}：${file}（${read.detail}）`);
  return read.table;
}

function counts(findings: Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** Every table in a Word, Excel or PDF file, read by the importer. */
async function lintTableFile(file: string, opts: Options, io: LintIO): Promise<number> {
  const bytes = readInput(file);
  const { importFile } = await import('../../import/index.ts');
  const result = await importFile(basename(file), bytes);
  if (!result.ok) throw new InputError(`${file}：${result.message}`);
  const tables = result.tables.map((table) => ({ name: table.projectName ?? '', table, findings: review(table) }));
  const all = tables.flatMap((t) => t.findings);
  if (opts.json) {
    io.out(
      JSON.stringify(
        { file, format: result.format, ok: !hasErrors(all), ...counts(all), tables: tables.map((t) => ({ name: t.name, ok: !hasErrors(t.findings), ...counts(t.findings), findings: t.findings })) },
        null,
        2,
      ),
    );
  } else {
    const parts = tables.map((t, i) => `${i + 1}. ${tableLine(t.table)}\n${t.findings.length ? formatFindings(t.findings) : '未发现问题。'}`);
    io.out(`${file}：${tables.length} 张表\n\n${parts.join('\n\n')}`);
  }
  return hasErrors(all) ? 1 : 0;
}

function lintFile(file: string, opts: Options, io: LintIO): number | Promise<number> {
  if (!isDraftFileName(file) && /\.(docx|xlsx|pdf|doc|xls)$/i.test(file)) return lintTableFile(file, opts, io);
  const table = readTable(file);
  const findings = review(table);
  if (opts.json) {
    io.out(JSON.stringify({ file, ok: !hasErrors(findings), ...counts(findings), findings }, null, 2));
  } else {
    io.out(`${file}\n${formatFindings(findings)}`);
  }
  return hasErrors(findings) ? 1 : 0;
}

export interface ProjectResult {
  id: string;
  name: string;
  source: string;
  findings: Finding[];
}

export interface RuleCount {
  code: string;
  severity: Severity;
  title: string;
  findings: number;
  projects: number;
}

export interface LibraryReport {
  projects: number;
  errors: number;
  warnings: number;
  counts: RuleCount[];
  worst: Array<{ id: string; name: string; errors: number; warnings: number; codes: string[] }>;
  results: ProjectResult[];
}

/** Check every library project; pure, so tests can pin the counts without the CLI. */
export function lintProjects(projects: LibraryProject[]): LibraryReport {
  const library = { version: 1 as const, projects };
  const results: ProjectResult[] = projects.map((p) => ({
    id: p.id,
    name: p.name,
    source: p.source,
    findings: checkTable(tableFromLibraryProject(p), { library }),
  }));
  const byCode = new Map<string, { findings: number; projects: Set<string> }>();
  for (const r of results) {
    for (const f of r.findings) {
      const c = byCode.get(f.code) ?? { findings: 0, projects: new Set<string>() };
      c.findings++;
      c.projects.add(r.id);
      byCode.set(f.code, c);
    }
  }
  const order = new Map(RULES.map((r, i) => [r.code, i]));
  const ruleCounts: RuleCount[] = [...byCode.entries()]
    .map(([code, c]) => ({
      code,
      severity: ruleSpec(code)?.severity ?? 'error',
      title: ruleSpec(code)?.title ?? code,
      findings: c.findings,
      projects: c.projects.size,
    }))
    .sort((a, b) => (a.severity === b.severity ? b.findings - a.findings || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0) : a.severity === 'error' ? -1 : 1));
  const worst = results
    .map((r) => ({ id: r.id, name: r.name, ...counts(r.findings), codes: [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.code))] }))
    .filter((w) => w.errors + w.warnings > 0)
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.id.localeCompare(b.id))
    .slice(0, 10);
  const total = counts(results.flatMap((r) => r.findings));
  return { projects: results.length, ...total, counts: ruleCounts, worst, results };
}

/** Where a finding sits, for the examples: `001-07 劳务派遣人员工资 · 第2条指标 “≥900%”`. */
function example(r: ProjectResult, f: Finding, p: LibraryProject | undefined): string {
  const ind = f.indicator !== undefined ? p?.indicators[f.indicator] : undefined;
  const where = ind ? ` · ${ind.level2}“${ind.name}” ${ind.value.raw}` : ` · ${fieldLabel(f.field)}`;
  return `${r.id} ${r.name}${where}`;
}

function printLibrary(report: LibraryReport, projects: LibraryProject[], io: LintIO): void {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const lines = [`模板库共${report.projects}个项目：错误${report.errors}个，提醒${report.warnings}条。`, '', '按规则统计（条数 / 涉及项目数）：'];
  for (const c of report.counts) {
    lines.push(`  ${c.severity === 'error' ? '错误' : '提醒'}  ${c.code.padEnd(38)} ${String(c.findings).padStart(4)} / ${String(c.projects).padStart(3)}  ${c.title}`);
    const examples = report.results.flatMap((r) => r.findings.filter((f) => f.code === c.code).map((f) => example(r, f, byId.get(r.id)))).slice(0, 3);
    for (const e of examples) lines.push(`        例：${e}`);
  }
  lines.push('', '问题最多的项目：');
  for (const w of report.worst) lines.push(`  ${w.id} ${w.name}：错误${w.errors}，提醒${w.warnings}${w.codes.length ? `（${w.codes.join('、')}）` : ''}`);
  io.out(lines.join('\n'));
}

function lintLibrary(opts: Options, io: LintIO): number {
  const file = opts.file ?? LIBRARY_FILE;
  if (!existsSync(file)) throw new InputError(`找不到模板库：${file}（请先运行 npm run library）`);
  let projects: LibraryProject[];
  try {
    projects = loadLibrary(file).projects;
  } catch (e) {
    throw new InputError(`模板库无法读取：${file}（${oneLine((e as Error).message)}）`);
  }
  const report = lintProjects(projects);
  if (opts.json) {
    const { results, ...rest } = report;
    io.out(JSON.stringify({ library: file, ...rest, results: results.filter((r) => r.findings.length) }, null, 2));
  } else {
    printLibrary(report, projects, io);
  }
  return report.errors > 0 ? 1 : 0;
}

export async function lint(args: string[], io: LintIO): Promise<number> {
  try {
    const opts = parseArgs(args);
    if (opts === 'help') {
      io.out(USAGE);
      return 0;
    }
    return opts.library ? lintLibrary(opts, io) : await lintFile(opts.file ?? '', opts, io);
  } catch (e) {
    // Bad input is the user's to fix: one line, no stack trace.
    if (e instanceof InputError) io.err(e.showUsage ? `${e.message}\n${USAGE}` : e.message);
    else io.err(`检查失败：${oneLine(e instanceof Error ? e.message : String(e))}`);
    return 2;
  }
}

export async function run(args: string[]): Promise<number> {
  return lint(args, { out: (s) => console.log(s), err: (s) => console.error(s) });
}
