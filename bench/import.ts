/**
 * `npm run bench import`: per-field accuracy of the importer on the foreign-layout fixtures
 * (tests/import/fixtures: Word, Excel, and the Word ones printed to PDF): project names, amounts
 * (value and unit) and indicator rows (一级/二级/三级 and 指标值 all right); then the department's
 * set — all 70 library tables in one PDF per layout — against the library itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DraftTable } from '../src/domain/draft.ts';
import { importFile } from '../src/import/index.ts';
import { REPO_ROOT, loadLibrary } from '../src/library/load.ts';
import { tableFromLibraryProject } from '../src/library/toTable.ts';
import { FIXTURES, LIBRARY_PDFS, PDF_FIXTURES, type Expected } from '../tests/import/fixtures/cases.ts';

type Ratio = [number, number];

export interface FileScore {
  file: string;
  names: string;
  amounts: string;
  rows: string;
  note?: string;
}

export interface Score {
  names: Ratio;
  amounts: Ratio;
  rows: Ratio;
  tables: Ratio;
  perFile: FileScore[];
}

const fixturePath = (file: string): string => join(REPO_ROOT, 'tests', 'import', 'fixtures', file);

/** A PDF cannot tell a blank between `≥10` and `人` from the printer's spacing: compared without blanks. */
const comparable = (pdf: boolean) => (s: string | undefined) => (pdf ? (s ?? '').replace(/\s+/g, '') : (s ?? ''));

const rowKey = (i: { level1: string; level2: string; name: string; value: string }): string => `${i.level1}/${i.level2}/${i.name}=${i.value}`;

/** One file's tables against what they should be; adds to `s`. */
function scoreFile(s: Score, file: string, got: DraftTable[], expected: Expected[], note?: string): void {
  const norm = comparable(file.endsWith('.pdf'));
  const f: Record<'names' | 'amounts' | 'rows', Ratio> = { names: [0, 0], amounts: [0, 0], rows: [0, 0] };
  s.tables[0] += got.length === expected.length ? 1 : 0;
  s.tables[1] += 1;
  expected.forEach((e, i) => {
    const t = got[i];
    f.names[0] += t && norm(t.projectName) === norm(e.name) ? 1 : 0;
    f.names[1] += 1;
    f.amounts[0] += t?.amounts.annual.total === e.amount && t.amounts.unit === e.unit ? 1 : 0;
    f.amounts[1] += 1;
    const have = new Set((t?.indicators ?? []).map((x) => norm(rowKey(x))));
    for (const row of e.rows) f.rows[0] += have.has(norm(row)) ? 1 : 0;
    f.rows[1] += e.rows.length;
    // A row the file does not hold counts against the import too.
    f.rows[1] += Math.max(0, (t?.indicators.length ?? 0) - e.rows.length);
  });
  for (const k of ['names', 'amounts', 'rows'] as const) {
    s[k][0] += f[k][0];
    s[k][1] += f[k][1];
  }
  s.perFile.push({ file, names: `${f.names[0]}/${f.names[1]}`, amounts: `${f.amounts[0]}/${f.amounts[1]}`, rows: `${f.rows[0]}/${f.rows[1]}`, note });
}

const empty = (): Score => ({ names: [0, 0], amounts: [0, 0], rows: [0, 0], tables: [0, 0], perFile: [] });

/** The foreign-layout fixtures (Word, Excel, PDF). */
export async function score(): Promise<Score> {
  const s = empty();
  for (const f of [...FIXTURES, ...PDF_FIXTURES]) {
    const r = await importFile(f.file, readFileSync(fixturePath(f.file)));
    scoreFile(s, f.file, r.ok ? r.tables : [], f.expected, r.ok ? undefined : r.message);
  }
  return s;
}

/** The library's own tables as the fields a correct import of the set PDF gives. */
function libraryExpected(): Expected[] {
  return loadLibrary().projects.map((p) => {
    const t = tableFromLibraryProject(p);
    // 27 library tables state no amount: they must import without one.
    return { name: t.projectName ?? '', amount: t.amounts.annual.total as number, unit: t.amounts.unit, rows: t.indicators.map(rowKey) };
  });
}

/** The 70-table set PDFs (both layouts). Rows are compared as the renderer prints money (in the table's unit). */
export async function scoreLibraryPdfs(): Promise<Score> {
  const { moneyInUnit } = await import('../src/domain/value.ts');
  const { orderByFramework } = await import('../src/domain/framework.ts');
  const tables = loadLibrary().projects.map(tableFromLibraryProject);
  const expected = libraryExpected().map((e, i) => ({
    ...e,
    rows: orderByFramework(tables[i]!.indicators, tables[i]!.framework).map((x) => rowKey({ ...x, value: moneyInUnit(x.value, tables[i]!.amounts.unit) })),
  }));
  const s = empty();
  for (const f of LIBRARY_PDFS) {
    const r = await importFile(f.file, readFileSync(fixturePath(f.file)));
    scoreFile(s, f.file, r.ok ? r.tables : [], expected, r.ok ? undefined : r.message);
  }
  return s;
}

const pct = ([a, b]: Ratio): string => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '—'}%)`;

function print(title: string, s: Score): void {
  console.log(title);
  for (const f of s.perFile) console.log(`  ${f.file.padEnd(28)} 名称 ${f.names}  金额 ${f.amounts}  指标行 ${f.rows}${f.note ? `  ${f.note}` : ''}`);
  console.log(`  → files with the right number of tables ${pct(s.tables)} · names ${pct(s.names)} · amounts ${pct(s.amounts)} · indicator rows ${pct(s.rows)}\n`);
}

export async function run(): Promise<void> {
  const t0 = performance.now();
  print(`Foreign-layout fixtures (${FIXTURES.length} Word/Excel + ${PDF_FIXTURES.length} PDF):`, await score());
  const t1 = performance.now();
  print('The department set as PDF (all 70 library tables, per layout):', await scoreLibraryPdfs());
  const t2 = performance.now();
  console.log(`time: fixtures ${((t1 - t0) / 1000).toFixed(1)} s, set PDFs ${((t2 - t1) / 1000).toFixed(1)} s`);
}
