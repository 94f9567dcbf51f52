/**
 * `npm run bench import`: per-field accuracy of the importer on the foreign-layout fixtures
 * (tests/import/fixtures): project names, amounts (value and unit) and indicator rows
 * (一级/二级/三级 and 指标值 all right).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../src/import/index.ts';
import { REPO_ROOT } from '../src/library/load.ts';
import { FIXTURES } from '../tests/import/fixtures/cases.ts';

export interface Score {
  names: [number, number];
  amounts: [number, number];
  rows: [number, number];
  tables: [number, number];
  perFile: Array<{ file: string; names: string; amounts: string; rows: string; note?: string }>;
}

export async function score(): Promise<Score> {
  const s: Score = { names: [0, 0], amounts: [0, 0], rows: [0, 0], tables: [0, 0], perFile: [] };
  for (const f of FIXTURES) {
    const r = await importFile(f.file, readFileSync(join(REPO_ROOT, 'tests', 'import', 'fixtures', f.file)));
    const got = r.ok ? r.tables : [];
    const file: Record<'names' | 'amounts' | 'rows', [number, number]> = { names: [0, 0], amounts: [0, 0], rows: [0, 0] };
    s.tables[0] += got.length === f.expected.length ? 1 : 0;
    s.tables[1] += 1;
    f.expected.forEach((e, i) => {
      const t = got[i];
      file.names[0] += t?.projectName === e.name ? 1 : 0;
      file.names[1] += 1;
      file.amounts[0] += t?.amounts.annual.total === e.amount && t.amounts.unit === e.unit ? 1 : 0;
      file.amounts[1] += 1;
      const have = new Set((t?.indicators ?? []).map((x) => `${x.level1}/${x.level2}/${x.name}=${x.value}`));
      for (const row of e.rows) file.rows[0] += have.has(row) ? 1 : 0;
      file.rows[1] += e.rows.length;
      // A row the file does not hold counts against the import too.
      file.rows[1] += Math.max(0, (t?.indicators.length ?? 0) - e.rows.length);
    });
    for (const k of ['names', 'amounts', 'rows'] as const) {
      s[k][0] += file[k][0];
      s[k][1] += file[k][1];
    }
    s.perFile.push({
      file: f.file,
      names: `${file.names[0]}/${file.names[1]}`,
      amounts: `${file.amounts[0]}/${file.amounts[1]}`,
      rows: `${file.rows[0]}/${file.rows[1]}`,
      note: r.ok ? undefined : r.message,
    });
  }
  return s;
}

const pct = ([a, b]: [number, number]): string => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '—'}%)`;

export async function run(): Promise<void> {
  const s = await score();
  for (const f of s.perFile) console.log(`${f.file.padEnd(28)} 名称 ${f.names}  金额 ${f.amounts}  指标行 ${f.rows}${f.note ? `  ${f.note}` : ''}`);
  console.log(`\n${FIXTURES.length} fixtures · tables found ${pct(s.tables)} · names ${pct(s.names)} · amounts ${pct(s.amounts)} · indicator rows ${pct(s.rows)}`);
}
