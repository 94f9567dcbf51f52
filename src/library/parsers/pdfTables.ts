/**
 * Parser for PDF tables inside a budget disclosure (source `002_…`, 秦皇岛经济技术开发区政法委
 * 2023 单位预算公开). Most of the document is budget tables; the project tables sit in the part
 * 预算项目绩效目标 and each looks like this (tab-separated PDF table text):
 *
 *   <n>、<project name>绩效目标表
 *   绩效目标 ⇥ 1. <goal> 2. <goal> ⇥ ⇥ …
 *   一级指标 ⇥ 二级指标 ⇥ 三级指标 ⇥ 绩效指标描述 ⇥ 指标值 ⇥ 指标值确定依据
 *    ⇥ 数量指标 ⇥ <name> ⇥ <description> ⇥ <value> ⇥ <basis>
 *   产出指标 ⇥ 质量指标 ⇥ …                 (the merged 一级 label sits in a middle row)
 *   厂山相似 ⇥ 时效指标 ⇥ …                 (OCR noise of the same merged cell)
 *
 * The tables print no amount, 主管部门 or 实施期 of their own: the document is one unit's budget,
 * so the unit named in the budget tables' headers is used as department and implementer, and the
 * year comes from the section heading. No per-project amount is printed anywhere (cost indicator
 * values are not budget amounts), so `amount` stays unset.
 *
 * One table (13、全区行政执法人员培训考试费) lost its cell structure in the PDF extraction: the whole
 * table is one space-separated line with cell fragments interleaved. See FLAT_REPAIRS.
 */
import { canonicalLevel1, canonicalLevel2, FRAMEWORKS, level1Of } from '../../domain/framework.ts';
import { squeeze } from '../../domain/text.ts';
import { parseValue } from '../../domain/value.ts';
import type { RawIndicatorRow, RawProject, RowFlag, SourceParser } from '../types.ts';

const TITLE = /^\s*(\d+)\s*[、.．]\s*(.+?)\s*绩效目标表\s*$/;
const SECTION = /^\s*预算项目绩效目标\s*$/;

/** Every 一级 name either framework knows: anything else in the 一级 column is OCR noise. */
const LEVEL1_NAMES = new Set(Object.values(FRAMEWORKS).flatMap((f) => f.level1.map((l) => l.name)));

// CJK ideographs, CJK punctuation (《》、。), full-width forms and curly quotes.
const CJK = '\\u2018-\\u201d\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef';
const CJK_GAP = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'g');

/**
 * A cell's text with the PDF's in-cell line breaks undone. The extraction turns a wrapped line
 * into a space, and Chinese text has no spaces between characters, so a blank between two CJK
 * characters is a line break; blanks next to digits or Latin (`≥2 次`, `手机 APP 经费`) are the
 * PDF's own spacing and stay.
 */
export function undoBreaks(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(CJK_GAP, '$1');
}

/** A recognised 一级 label as printed (blanks removed), or '' for blank cells and OCR noise. */
function level1Label(cell: string): string {
  const compact = squeeze(cell);
  return compact && LEVEL1_NAMES.has(canonicalLevel1(compact)) ? compact : '';
}

/** The canonical 一级 family a row belongs to, from its 二级 name, else from its own label. */
function familyOf(level2: string, label: string): string | undefined {
  return level1Of(canonicalLevel2(level2)) ?? (label ? canonicalLevel1(label) : undefined);
}

/** A row before its 一级 cell is resolved: the printed label ('' when blank or noise). */
interface PendingRow extends Omit<RawIndicatorRow, 'level1'> {
  label: string;
}

/**
 * Resolves the 一级 column. The PDF prints a merged 一级 cell's label in the middle row of its
 * block (rows above it are blank), so filling down would give the rows above the label the
 * previous block's name. Instead rows are grouped into runs whose 二级 names belong to the same
 * 一级 family, and each row takes the label printed inside its run. A run without any readable
 * label gets its family's canonical name, flagged `level-inferred`.
 */
function resolveLevel1(rows: PendingRow[]): RawIndicatorRow[] {
  const families = rows.map((r) => familyOf(r.level2, r.label));
  const runOf: number[] = [];
  let run = -1;
  let runFamily: string | undefined;
  families.forEach((f, i) => {
    if (run < 0 || (f !== undefined && f !== runFamily)) {
      run += 1;
      runFamily = f;
    }
    runOf[i] = run;
  });
  return rows.map((r, i) => {
    const { label, ...rest } = r;
    const flags: RowFlag[] = [...(r.flags ?? [])];
    let level1 = label;
    if (!level1) {
      // Nearest label of the same run and family.
      let best = -1;
      rows.forEach((o, j) => {
        if (runOf[j] !== runOf[i] || !o.label || canonicalLevel1(o.label) !== families[i]) return;
        if (best < 0 || Math.abs(j - i) < Math.abs(best - i)) best = j;
      });
      if (best >= 0) level1 = rows[best]?.label ?? '';
      else {
        level1 = families[i] ?? '';
        flags.push('level-inferred');
      }
    }
    const out: RawIndicatorRow = { ...rest, level1 };
    if (flags.length) out.flags = flags;
    else delete out.flags;
    return out;
  });
}

/** `1. … 2. …` → the numbered items without their numbers; numbers must run 1, 2, 3 … */
export function splitGoals(text: string): string[] {
  const marks: Array<{ at: number; end: number }> = [];
  const re = /(?:^|\s)(\d{1,2})\s*[.．、]\s/g;
  let expected = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (Number(m[1]) !== expected) continue;
    marks.push({ at: m.index, end: m.index + m[0].length });
    expected += 1;
  }
  if (marks.length === 0) {
    const single = undoBreaks(text);
    return single ? [single] : [];
  }
  return marks
    .map((mk, k) => undoBreaks(text.slice(mk.end, marks[k + 1]?.at ?? text.length)))
    .filter((g) => g !== '');
}

type Column = 'level1' | 'level2' | 'name' | 'description' | 'value' | 'basis';
const HEADER_COLUMNS: Record<string, Column> = {
  一级指标: 'level1',
  二级指标: 'level2',
  三级指标: 'name',
  绩效指标描述: 'description',
  指标值: 'value',
  指标值确定依据: 'basis',
};

/**
 * Column roles from the header. Some headers lose their tabs (`一级指标 ⇥ 二级指标 三级指标 …`)
 * while the data rows keep them, so the header is read as a list of names in order.
 */
function headerColumns(line: string): Column[] | undefined {
  const cols = line
    .split(/[\t ]+/)
    .filter(Boolean)
    .map((t) => HEADER_COLUMNS[squeeze(t)]);
  return cols.every((c): c is Column => c !== undefined) && cols.includes('value') ? cols : undefined;
}

function indicatorRow(cells: string[], columns: Column[]): PendingRow {
  const at = (col: Column): string => {
    const i = columns.indexOf(col);
    return i < 0 ? '' : (cells[i] ?? '');
  };
  const row: PendingRow = {
    label: level1Label(at('level1')),
    level2: undoBreaks(at('level2')),
    name: undoBreaks(at('name')),
    value: at('value').trim(),
  };
  if (columns.includes('description')) row.description = undoBreaks(at('description'));
  if (columns.includes('basis')) row.basis = undoBreaks(at('basis'));
  const flags: RowFlag[] = [];
  if (!row.name) flags.push('missing-name');
  if (!row.value) {
    // A value printed in another column of the row is moved to 指标值 and marked.
    // The cell it came from is emptied so the value is not read twice.
    const isValue = (c: string | undefined): c is string => !!c && parseValue(c).kind === 'quantitative';
    const extra = cells.slice(columns.length).map((c) => c.trim());
    if (isValue(row.description)) {
      row.value = row.description;
      delete row.description;
    } else if (isValue(row.basis)) {
      row.value = row.basis;
      delete row.basis;
    } else row.value = extra.find(isValue) ?? '';
    flags.push(row.value ? 'value-in-wrong-column' : 'missing-value');
  }
  if (flags.length) row.flags = flags;
  return row;
}

/**
 * Tables whose cell structure the PDF extraction lost. Every cell is given as the fragments it
 * was printed in; the parser takes a repair only when every fragment is present in the table's
 * text, so a changed source falls back to `scanFlattened` instead of inventing content. The row
 * split was made by reading the table in the source: cell lines are vertically centred, so a
 * cell's first line is printed before its row's 二级 name and its last line after the next
 * cells — no rule on the flattened text recovers that.
 */
interface FlatRow {
  label?: string;
  level2: string;
  name: string[];
  description: string[];
  value: string;
  basis: string[];
}
interface FlatRepair {
  /** A passage only this table's text holds. */
  fingerprint: string;
  goals: string[][];
  rows: FlatRow[];
}

const HEBEI_ID_RULES = ['《河北省行政执法证', '件和行政执法监督检', '查证件管理办法》'];
const CONTRACT = ['合同规定和工作计划'];

export const FLAT_REPAIRS: FlatRepair[] = [
  {
    fingerprint: '组织开展 1 次全区行政执法人员培训考试',
    goals: [
      ['组织开展 1 次全区行政执法人员培训考试,提高行政执法能力,规范行政执法行为。'],
      ['促进严格规范公正文明执法,提升行政行为合法性水平'],
    ],
    rows: [
      {
        level2: '数量指标',
        name: ['执法人员考试人数'],
        description: ['按照上级统一要求, 组织现有及新增执法人员培训', '考试'],
        value: '≥457 人',
        basis: CONTRACT,
      },
      {
        level2: '质量指标',
        name: ['培训考试合格率'],
        description: ['现有及新增行政执法人员培训、考试合格率'],
        value: '≥95%',
        basis: CONTRACT,
      },
      {
        label: '产出指标',
        level2: '时效指标',
        name: ['培训考试及时性'],
        description: ['按上级要求及工作计划安排及时组织考试工作'],
        value: '≥94%',
        basis: CONTRACT,
      },
      {
        level2: '成本指标',
        name: ['行政执法人员培训考试费用'],
        description: ['执法人员培训考试人均费用'],
        value: '≤40 元',
        basis: CONTRACT,
      },
      {
        level2: '成本指标',
        name: ['培训考试费用'],
        description: ['包括培训考试费用、法律知识授课费、资料印刷费'],
        value: '≤2 万元',
        basis: CONTRACT,
      },
      {
        level2: '可持续影响指标',
        name: ['保障执法证可使用年限'],
        description: ['促进全区行政执法人员业务水平持续提升'],
        value: '≥1 年',
        basis: HEBEI_ID_RULES,
      },
      {
        label: '效益指标',
        level2: '社会效益指标',
        name: ['提高依法行政水平'],
        description: ['不存在无证执法现象, 行政执法效果较好: 依法行', '政氛围浓厚'],
        value: '有效提高',
        basis: HEBEI_ID_RULES,
      },
      {
        label: '满意度指标',
        level2: '服务对象满意度指标',
        name: ['行政执法人员满意度'],
        description: ['行政执法人员对培训考试工作满意程度'],
        value: '≥92%',
        basis: ['满意度调查问卷'],
      },
    ],
  },
];

function applyRepair(repair: FlatRepair, text: string): { goals: string[]; rows: PendingRow[] } | undefined {
  const flat = text.replace(/\s+/g, ' ');
  const fragments = [
    ...repair.goals.flat(),
    ...repair.rows.flatMap((r) => [r.level2, ...r.name, ...r.description, r.value, ...r.basis, r.label ?? '']),
  ].filter(Boolean);
  if (!fragments.every((f) => flat.includes(f))) return undefined;
  const join = (parts: string[]): string => undoBreaks(parts.join(' '));
  return {
    goals: repair.goals.map(join),
    rows: repair.rows.map((r) => ({
      label: r.label ?? '',
      level2: r.level2,
      name: join(r.name),
      description: join(r.description),
      value: r.value,
      basis: join(r.basis),
      // Marked so that reviews and suggestions can tell hand-split rows from parsed ones.
      flags: ['cells-reconstructed'],
    })),
  };
}

const LEVEL2_ANCHOR = /(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标/g;
const QUANTITY = /[≥≤≪≫<>=＜＞]\s*\d[\d.]*(?:\s*[^\s\d≥≤<>=]{1,4})?/;

/**
 * Last resort for a flattened table with no repair: one row per 二级 name, the next word as its
 * name and a comparison among the few words after it as its value. Descriptions and bases cannot be told
 * apart, so they are left out; a row without a comparison is marked `missing-value`.
 */
export function scanFlattened(text: string): PendingRow[] {
  const flat = text.replace(/\s+/g, ' ');
  const anchors = [...flat.matchAll(LEVEL2_ANCHOR)];
  return anchors.map((a, k) => {
    const start = (a.index ?? 0) + a[0].length;
    const segment = flat.slice(start, anchors[k + 1]?.index ?? flat.length);
    const words = segment.split(' ').filter((w) => w && !level1Label(w));
    // Only the words right after the name can be this row's value: further on, the text
    // already belongs to later cells or rows.
    const value = QUANTITY.exec(words.slice(1, 5).join(' '))?.[0].trim() ?? '';
    const row: PendingRow = { label: '', level2: a[0], name: words[0] ?? '', value };
    const flags: RowFlag[] = [];
    if (!row.name) flags.push('missing-name');
    if (!value) flags.push('missing-value');
    if (flags.length) row.flags = flags;
    return row;
  });
}

interface DocumentMeta {
  department?: string;
  year?: number;
}

function documentMeta(lines: string[]): DocumentMeta {
  const meta: DocumentMeta = {};
  // Budget tables head every page with `<6-digit unit code> <unit name>`.
  for (const line of lines) {
    const m = /^\s*\d{6}\s+(\S.*?)(?:\s+预算年度.*)?\s*$/.exec(line);
    if (m?.[1]) {
      meta.department = m[1];
      break;
    }
  }
  for (const line of lines) {
    const m = /^\s*(\d{4})\s*年度?单位预算绩效信息\s*$/.exec(line);
    if (m?.[1]) {
      meta.year = Number(m[1]);
      break;
    }
  }
  return meta;
}

function parseTable(name: string, body: string[], meta: DocumentMeta): RawProject {
  const project: RawProject = { name, indicators: [] };
  if (meta.department) {
    project.department = meta.department;
    project.implementer = meta.department;
  }
  if (meta.year !== undefined) project.year = meta.year;

  const headerAt = body.findIndex((l) => l.includes('\t') && headerColumns(l) !== undefined);
  let rows: PendingRow[];
  let goals: string[] = [];
  if (headerAt >= 0) {
    const columns = headerColumns(body[headerAt] ?? '') ?? [];
    const goalLine = body.slice(0, headerAt).find((l) => squeeze(l.split('\t')[0] ?? '') === '绩效目标');
    if (goalLine) goals = splitGoals(goalLine.split('\t').slice(1).join(' '));
    rows = body
      .slice(headerAt + 1)
      .filter((l) => l.includes('\t') && l.replace(/\t/g, '').trim() !== '')
      .map((l) => indicatorRow(l.split('\t'), columns));
  } else {
    const text = body.join('\n');
    const repair = FLAT_REPAIRS.find((r) => text.includes(r.fingerprint));
    const repaired = repair ? applyRepair(repair, text) : undefined;
    if (repaired) {
      goals = repaired.goals;
      rows = repaired.rows;
    } else {
      rows = scanFlattened(text);
    }
  }
  if (goals.length) project.goals = goals;
  project.indicators = resolveLevel1(rows);
  return project;
}

export const parsePdfTables: SourceParser = (text) => {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const meta = documentMeta(lines);
  // Project tables start after the 预算项目绩效目标 heading; before it are budget tables.
  const sectionAt = lines.findIndex((l) => SECTION.test(l));
  const projects: RawProject[] = [];
  let current: { name: string; body: string[] } | undefined;
  const flush = (): void => {
    if (current) projects.push(parseTable(current.name, current.body, meta));
  };
  for (const line of lines.slice(sectionAt + 1)) {
    const title = TITLE.exec(line);
    if (title?.[2]) {
      flush();
      current = { name: undoBreaks(title[2]), body: [] };
    } else current?.body.push(line);
  }
  flush();
  return projects;
};
