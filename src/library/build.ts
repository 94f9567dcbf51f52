/**
 * Builds the template library from the source documents: one parser per layout, then the same
 * normalisation for all (fill-down of merged cells, canonical names, parsed values, 万元). Pure.
 */
import { canonicalLevel1, canonicalLevel2, level1Of } from '../domain/framework.ts';
import { parseValue } from '../domain/value.ts';
import { parsePdfTables } from './parsers/pdfTables.ts';
import { parsePdfText } from './parsers/pdfText.ts';
import { parseTabTable } from './parsers/tabTable.ts';
import { parseWordCells } from './parsers/wordCells.ts';
import type { Library, LibraryIndicator, LibraryProject, RawIndicatorRow, RawProject, RowFlag, SourceParser } from './types.ts';

/** The sample documents, in library order, with the parser of their layout. */
export const SOURCES: Array<{ file: string; layout: string; parser: SourceParser }> = [
  { file: '000_c1874251e2ac9666.txt', layout: '制表符分隔的表格文本', parser: parseTabTable },
  { file: '001_5ddefdc57a70e0c3.txt', layout: '断行的 PDF 文本', parser: parsePdfText },
  { file: '002_1a17dc51f9646b4e.txt', layout: '预算公开 PDF 中的表格', parser: parsePdfTables },
  { file: '003_cbe7e3160d176955.txt', layout: '每格一行的 Word 文本', parser: parseWordCells },
  { file: '004_33e3c13fb73fd403.txt', layout: '每格一行的 Word 文本', parser: parseWordCells },
];

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function normalizeRows(rows: RawIndicatorRow[]): LibraryIndicator[] {
  let level1 = '';
  let level2 = '';
  return rows.map((row) => {
    const flags = new Set<RowFlag>(row.flags ?? []);
    const l1Raw = row.level1.trim();
    const l2Raw = row.level2.trim();
    // A blank cell under a merged cell repeats the one above.
    if (l1Raw) level1 = canonicalLevel1(l1Raw);
    if (l2Raw) level2 = canonicalLevel2(l2Raw);
    else if (l1Raw) level2 = '';
    const inferred = level1Of(level2);
    if (!level1 && inferred) {
      level1 = inferred;
      flags.add('level-inferred');
    }
    if (!row.value.trim()) flags.add('missing-value');
    if (!row.name.trim()) flags.add('missing-name');
    const ind: LibraryIndicator = {
      level1,
      level2,
      name: row.name.trim(),
      value: parseValue(row.value.trim()),
    };
    if (l1Raw && l1Raw !== level1) ind.level1Raw = l1Raw;
    if (l2Raw && l2Raw !== level2) ind.level2Raw = l2Raw;
    if (row.description?.trim()) ind.description = row.description.trim();
    if (row.basis?.trim()) ind.basis = row.basis.trim();
    if (flags.size) ind.flags = [...flags].sort();
    return ind;
  });
}

function normalizeProject(raw: RawProject, source: string, index: number): LibraryProject {
  const p: LibraryProject = {
    id: `${source.slice(0, 3)}-${String(index + 1).padStart(2, '0')}`,
    name: raw.name.trim(),
    source,
    indicators: normalizeRows(raw.indicators),
  };
  if (raw.department) p.department = raw.department;
  if (raw.implementer) p.implementer = raw.implementer;
  if (raw.year) p.year = raw.year;
  if (raw.period) p.period = raw.period;
  if (raw.amount) {
    p.amount = { value: raw.amount.unit === '元' ? round(raw.amount.value / 10000, 6) : raw.amount.value, unit: '万元' };
    if (raw.amount.unit !== '万元') p.amountRaw = raw.amount;
  }
  if (raw.fundUse) p.fundUse = raw.fundUse;
  if (raw.goals?.length) p.goals = raw.goals;
  return p;
}

/** Parses one source's text into library projects. */
export function buildSource(file: string, text: string): LibraryProject[] {
  const source = SOURCES.find((s) => s.file === file);
  if (!source) throw new Error(`unknown source ${file}`);
  return source.parser(text).map((raw, i) => normalizeProject(raw, file, i));
}

/** The whole library from the sources' texts (file name → text). */
export function buildLibrary(texts: ReadonlyMap<string, string>): Library {
  return {
    version: 1,
    projects: SOURCES.flatMap((s) => {
      const text = texts.get(s.file);
      if (text === undefined) throw new Error(`missing source ${s.file}`);
      return buildSource(s.file, text);
    }),
  };
}
