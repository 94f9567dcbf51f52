/**
 * Reading a draft JSON file (an upload to the bot, `perf-target lint`, `perf-target render`): one
 * set of rules in one place, so that a file one of them accepts is read the same way by the others.
 * Pure: bytes or text in, a DraftTable or a Chinese explanation out; callers do the I/O.
 */
import { DraftTableSchema, type DraftTable } from './draft.ts';

export type DraftFileResult =
  | { ok: true; table: DraftTable }
  | {
      ok: false;
      /** What the file is not: 「不是有效的 JSON」 or 「不是绩效目标表草稿」. */
      title: string;
      /** Why, in Chinese, without the file's name. */
      detail: string;
      /** `title（detail）`, for callers with no file name to put in between. */
      message: string;
    };

const TABLE_KEYS = Object.keys(DraftTableSchema.shape);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function fail(title: string, detail: string): DraftFileResult {
  return { ok: false, title, detail, message: `${title}（${detail}）` };
}

/**
 * Why JSON.parse stopped, in Chinese: V8's message is English and names a position only for some
 * errors (第 L 行第 C 列 then), the offending character for others.
 */
function syntaxDetail(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  if (/unexpected end/i.test(message)) return '内容不完整，在结尾处中断';
  const token = /^Unexpected token '(.{1,4}?)'/.exec(message);
  if (token) return `有语法错误：出现了不该有的「${token[1]}」`;
  const m = /position (\d+)/.exec(message);
  if (!m) return '有语法错误';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `第 ${line} 行第 ${column} 列附近有语法错误`;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否（true/false）',
  array: '列表',
  object: '对象',
};

/** A zod issue in Chinese: where it is, and what was expected there. */
function issueDetail(issue: { path: PropertyKey[]; code: string; expected?: unknown; values?: unknown[] } | undefined): string {
  const where = issue?.path.length ? issue.path.map(String).join('.') : '（根）';
  let what = '格式不正确';
  if (issue?.code === 'invalid_type' && typeof issue.expected === 'string' && TYPE_NAMES[issue.expected]) {
    what = `应为${TYPE_NAMES[issue.expected]}`;
  } else if (issue?.code === 'invalid_value' && issue.values?.length) {
    what = `应为 ${issue.values.map(String).join(' 或 ')}`;
  }
  return `字段 ${where}：${what}`;
}

/**
 * Reads a draft from a file's bytes or text. Accepts a UTF-8 BOM, and a table or an object that
 * holds one under `table` (how a stored draft record wraps it). Every table field is optional, so
 * an object with none of them (package.json, say) is refused rather than read as an empty draft.
 */
export function readDraftFile(content: string | Uint8Array): DraftFileResult {
  // TextDecoder drops a leading BOM itself; a string may still start with one.
  const text = (typeof content === 'string' ? content : new TextDecoder().decode(content)).replace(/^\uFEFF/, '');
  if (!text.trim()) return fail('不是有效的 JSON', '文件是空的');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail('不是有效的 JSON', syntaxDetail(text, err));
  }
  if (!isObject(data)) return fail('不是绩效目标表草稿', '应为 JSON 对象');
  const candidate = !TABLE_KEYS.some((k) => k in data) && isObject(data.table) ? data.table : data;
  if (!TABLE_KEYS.some((k) => k in candidate)) return fail('不是绩效目标表草稿', '没有项目名称、金额、指标等任何字段');
  // Before the schema walks every row: a 9,000-row file is refused in a few milliseconds.
  const over = capProblem(candidate);
  if (over) return fail('超出草稿的大小限制', over);
  const parsed = DraftTableSchema.safeParse(candidate);
  if (!parsed.success) return fail('不是绩效目标表草稿', issueDetail(parsed.error.issues[0]));
  return { ok: true, table: parsed.data };
}

/** Most indicator rows in one table: real tables have 10–40; the DOCX and the review stay fast. */
export const MAX_INDICATORS = 100;
/** Most characters in one field (a 资金用途 paragraph, a target, an indicator's 依据). */
export const MAX_FIELD_CHARS = 2000;

/**
 * Why a table (as read from a file or an import, before or after parsing) is too big to take, in
 * Chinese, or undefined. Cheap: counts rows first and stops at the first field over the limit.
 */
export function capProblem(table: unknown): string | undefined {
  if (!isObject(table)) return undefined;
  const rows = table.indicators;
  if (Array.isArray(rows) && rows.length > MAX_INDICATORS) {
    return `有 ${rows.length} 条绩效指标，一张表最多 ${MAX_INDICATORS} 条；请删减或拆成几个项目`;
  }
  let found: string | undefined;
  const walk = (value: unknown, path: string, depth: number): void => {
    if (found || depth > 6) return;
    if (typeof value === 'string') {
      if (value.length > MAX_FIELD_CHARS) found = `字段 ${path} 有 ${value.length} 字，每个字段最多 ${MAX_FIELD_CHARS} 字`;
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i + 1}`, depth + 1));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(table, '', 0);
  return found;
}

/** The largest draft file the engine reads (and so the most a channel downloads). */
export const MAX_DRAFT_FILE_BYTES = 1_000_000;

export function isDraftFileName(name: string | undefined): boolean {
  return /\.json$/i.test(name?.trim() ?? '');
}

export const UNSUPPORTED_FILE_TEXT = '暂不支持此类文件。目前只能读取 .json 格式的草稿文件；也可以直接把表的内容粘贴成文字发给我。';
export const FILE_TOO_LARGE_TEXT = '抱歉，文件太大了：草稿文件不能超过 1 MB。请发送导出的 .json 草稿文件，或直接把表的内容粘贴成文字发给我。';

/** Why a file is not downloaded (the text for the user), or undefined when it may be. `size` is the platform's announced size, if any. */
export function draftFileRefusal(name: string | undefined, size?: number): string | undefined {
  if (!isDraftFileName(name)) return UNSUPPORTED_FILE_TEXT;
  if (size !== undefined && size > MAX_DRAFT_FILE_BYTES) return FILE_TOO_LARGE_TEXT;
  return undefined;
}
