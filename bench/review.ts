/**
 * The review rules against a defect corpus (tests/fixtures/review/): defects a reviewer would flag
 * on the 70 library tables, defects planted into clean tables, and the clean tables themselves.
 * Prints recall per kind, the findings on clean tables, and every miss.
 */
import { loadLibrary } from '../src/library/load.ts';
import { tableFromLibraryProject } from '../src/library/toTable.ts';
import type { DraftTable } from '../src/domain/draft.ts';
import { checkTable, type Finding } from '../src/rules/index.ts';
import { CLEAN } from '../tests/fixtures/review/clean.ts';
import { KINDS } from '../tests/fixtures/review/kinds.ts';
import { LIBRARY_DEFECTS } from '../tests/fixtures/review/library.ts';
import { PLANTED } from '../tests/fixtures/review/planted.ts';

interface Case {
  source: string;
  kind: string;
  field: string;
  findings: Finding[];
}

/** A defect is flagged when a finding of one of its kind's codes points at its field or inside it. */
export function flagged(c: Case): boolean {
  const codes = KINDS[c.kind]?.codes ?? [];
  return c.findings.some((f) => codes.includes(f.code) && (f.field === c.field || f.field.startsWith(`${c.field}.`) || c.field.startsWith(`${f.field}.`)));
}

function clone(t: DraftTable): DraftTable {
  return structuredClone(t);
}

export function cases(): Case[] {
  const lib = loadLibrary();
  const library = new Map(lib.projects.map((p) => [p.id, p]));
  const out: Case[] = [];
  const byId = new Map<string, Finding[]>();
  for (const [id, where, kind] of LIBRARY_DEFECTS) {
    const p = library.get(id);
    if (!p) throw new Error(`no library project ${id}`);
    const findings = byId.get(id) ?? checkTable(tableFromLibraryProject(p), { library: lib });
    byId.set(id, findings);
    out.push({ source: `${id} ${p.name}`, kind, field: typeof where === 'number' ? `indicators.${where}` : where, findings });
  }
  const clean = new Map(CLEAN.map((c) => [c.id, c.table]));
  for (const d of PLANTED) {
    const t = clone(clean.get(d.table)!);
    d.edit(t);
    out.push({ source: `植入 ${d.table}`, kind: d.kind, field: d.field(t), findings: checkTable(t, { library: lib }) });
  }
  return out;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

export async function run(): Promise<void> {
  const all = cases();
  for (const [label, set] of [
    ['模板库标注', all.filter((c) => !c.source.startsWith('植入'))],
    ['植入缺陷', all.filter((c) => c.source.startsWith('植入'))],
  ] as const) {
    const hit = set.filter(flagged).length;
    console.log(`\n${label}：${set.length}处，${new Set(set.map((c) => c.kind)).size}类，发现${hit}处（${pct(hit, set.length)}）`);
  }
  const hits = all.filter(flagged).length;
  console.log(`\n合计：${all.length}处缺陷，发现${hits}处（${pct(hits, all.length)}）。\n\n按类别（发现/总数）：`);
  for (const [kind, spec] of Object.entries(KINDS)) {
    const set = all.filter((c) => c.kind === kind);
    if (!set.length) continue;
    const n = set.filter(flagged).length;
    console.log(`  ${kind.padEnd(24)} ${String(n).padStart(3)}/${String(set.length).padEnd(3)} ${pct(n, set.length).padStart(6)}  ${spec.title}`);
  }
  console.log('\n干净表格（错误/提醒）：');
  let worst = 0;
  for (const c of CLEAN) {
    const f = checkTable(c.table, { library: loadLibrary() });
    const errors = f.filter((x) => x.severity === 'error').length;
    worst = Math.max(worst, f.length - errors);
    console.log(`  ${c.id.padEnd(22)} 错误${errors} 提醒${f.length - errors}${f.length ? `  ${f.map((x) => x.code).join('、')}` : ''}`);
  }
  console.log(`  每表最多提醒${worst}条。`);
  const misses = all.filter((c) => !flagged(c));
  console.log(`\n漏报（${misses.length}处）：`);
  for (const m of misses) {
    const near = m.findings.filter((f) => f.field.startsWith(m.field) || m.field.startsWith(f.field)).map((f) => f.code);
    console.log(`  ${m.source} · ${m.field} · ${m.kind}${near.length ? `（此处另有：${[...new Set(near)].join('、')}）` : ''}`);
  }
}
