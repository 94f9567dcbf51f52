/**
 * Starting from last year's tables: a Word or Excel file (parsed by the import adapter behind
 * `Services.importFile`) → the tables found → the user picks one, several or 全部 → each becomes
 * its own draft, rolled forward to the budget year → one reply gives this year's amounts →
 * 生成全部 writes every finished draft into one DOCX plus the indicator list (.xlsx).
 * Other drafts are never changed by an import.
 */
import type { DraftTable } from '../../domain/draft.ts';
import { isDraftFileName, readDraftFile } from '../../domain/draftFile.ts';
import { ACCEPTED_FILES_TEXT, tableLine } from '../../domain/importedFile.ts';
import { capProblem } from '../../domain/draftFile.ts';
import { formatNumber } from '../../domain/number.ts';
import type { DraftRecord } from '../records.ts';
import { nextStep } from '../answers/answers.ts';
import { effectiveTable } from './defaults.ts';
import { formatFindings } from '../flow/format.ts';
import { ask } from '../flow/questions.ts';
import { rollForward, withAmount } from './rollForward.ts';
import { GenerationBusyError } from '../services.ts';
import { BUSY_TEXT, createDraft, say, sendChoices, sendText, touch, waitNotice, type Turn } from '../turn.ts';
import { DOCX_MIME } from '../types.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BUTTONS = 8;

const money = (t: DraftTable): string =>
  t.amounts.annual.total !== undefined ? `${formatNumber(t.amounts.annual.total)}${t.amounts.unit}` : '未填';

/** A Word/Excel file sent to the chat. The current draft is not touched until the user picks. */
export async function importTableFile(turn: Turn, name: string, bytes: Uint8Array): Promise<void> {
  if (!turn.s.importFile) return say(turn, `暂不支持此类文件。${ACCEPTED_FILES_TEXT}`), ask(turn);
  const result = await turn.s.importFile(name, bytes);
  if (!result.ok) return say(turn, result.message), ask(turn);
  // A table too big to review or render is refused by name; the others still import.
  const tooBig = result.tables.map((t) => [t, capProblem(t)] as const).filter(([, p]) => p !== undefined);
  if (tooBig.length > 0) {
    const names = tooBig.map(([t, p]) => `「${t.projectName ?? '未命名'}」${p}`).join('；');
    const tables = result.tables.filter((t) => !tooBig.some(([x]) => x === t));
    if (tables.length === 0) return say(turn, `无法导入：${names}。`), ask(turn);
    say(turn, `以下表超出限制，未导入：${names}。`);
    return offer(turn, name, tables);
  }
  return offer(turn, name, result.tables);
}

function offer(turn: Turn, name: string, tables: DraftTable[]): void {
  if (tables.length === 1) return pick(turn, tables);
  turn.profile.importing = { stage: 'pick', file: name, tables };
  const lines = tables.map((t, i) => `${i + 1}. ${tableLine(t)}`);
  const buttons: Array<[string, string]> = [['imp:all', '全部导入']];
  tables.slice(0, MAX_BUTTONS).forEach((_t, i) => buttons.push([`imp:${i + 1}`, `第 ${i + 1} 张`]));
  sendChoices(
    turn,
    `在「${name}」里找到 ${tables.length} 张表：\n${lines.join('\n')}\n要导入哪些？回复「全部」，或写序号（如 1,3）。`,
    buttons,
  );
}

/** Numbers in a reply: `25, 30, 12`, `25万 30万 12万`, `1和3`. */
function numbersIn(text: string): number[] | undefined {
  const t = text.replace(/万元|万|元/g, ' ').trim();
  if (!/^[\d.\s,，、;；和]+$/.test(t)) return undefined;
  const ns = t.split(/[\s,，、;；和]+/).filter(Boolean).map(Number);
  return ns.length && ns.every((n) => Number.isFinite(n)) ? ns : undefined;
}

/** Each picked table becomes a draft for the budget year; then this year's amounts are asked. */
function pick(turn: Turn, tables: DraftTable[]): void {
  const year = turn.now.getFullYear() + 1;
  const drafts = tables.map((t, i) => {
    const d = createDraft(turn, rollForward(t, year));
    // One millisecond apart, so that the set keeps the file's order.
    d.createdAt = new Date(turn.now.getTime() + i).toISOString();
    d.indicatorsConfirmed = d.table.indicators.length > 0;
    d.step = nextStep(d);
    return d;
  });
  turn.profile.importing = { stage: 'amounts', ids: drafts.map((d) => d.id) };
  const lines = drafts.map((d, i) => `${i + 1}. ${d.table.projectName ?? '未命名'}：去年 ${money(d.table)}`);
  const example = drafts.map((d) => formatNumber(d.table.amounts.annual.total ?? 10)).join(', ');
  sendChoices(
    turn,
    `已导入 ${drafts.length} 份草稿，年度、实施期和时限已改为 ${year} 年：\n${lines.join('\n')}\n请回复今年的金额：「全部同去年」，或按顺序写 ${drafts.length} 个数（单位同去年），如 ${example}。`,
    [['imp:same', '全部同去年']],
  );
}

async function importedDrafts(turn: Turn, ids: string[]): Promise<DraftRecord[]> {
  const out: DraftRecord[] = [];
  for (const id of ids) {
    const d = turn.dirty.get(id) ?? (await turn.s.store.get(turn.userKey, id));
    if (d) out.push(d);
  }
  return out;
}

/** This year's amounts (or last year's), recomputation, and the review rules' findings per draft. */
async function applyAmounts(turn: Turn, ids: string[], amounts: number[] | undefined): Promise<void> {
  const drafts = await importedDrafts(turn, ids);
  turn.profile.importing = undefined;
  const lines = drafts.map((d, i) => {
    const amount = amounts?.[i];
    if (amount !== undefined) d.table = withAmount(d.table, amount);
    d.step = nextStep(d);
    touch(turn, d);
    const findings = turn.s.checkTable(effectiveTable(d.table, turn.now).table);
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.length - errors.length;
    const verdict = errors.length
      ? `✗ ${errors.length} 处需修改：${errors[0]!.message}`
      : `✓ 可生成${warnings ? `（${warnings} 条提示）` : ''}`;
    return `${i + 1}. ${d.table.projectName ?? '未命名'} · ${money(d.table)} · ${verdict}`;
  });
  sendChoices(turn, `已按今年的金额更新（成本指标、估算值和写有原金额的文字同步更新）：\n${lines.join('\n')}\n发送「生成全部」一次得到所有表（DOCX）和指标清单（Excel）；发送「草稿」可逐份查看修改。`, [
    ['imp:gen', '生成全部'],
  ]);
}

/** A text reply while an import waits for a pick or amounts; false when it is not one. */
export async function importReply(turn: Turn, text: string): Promise<boolean> {
  const state = turn.profile.importing;
  if (!state) return false;
  // A message instead of the file awaited for 检查 ends the wait.
  if (state.stage === 'check') return (turn.profile.importing = undefined), false;
  const t = text.trim();
  if (state.stage === 'pick') {
    if (/^(全部|全部导入|都要|all)$/i.test(t)) return pick(turn, state.tables), true;
    const ns = numbersIn(t);
    if (!ns) return false;
    const bad = ns.filter((n) => !Number.isInteger(n) || n < 1 || n > state.tables.length);
    if (bad.length) return sendText(turn, `没有第 ${bad.join('、')} 张表，请写 1 到 ${state.tables.length} 之间的序号，或回复「全部」。`), true;
    pick(turn, [...new Set(ns)].map((n) => state.tables[n - 1]!));
    return true;
  }
  if (/^(全部)?同去年$|^不变$/.test(t)) return applyAmounts(turn, state.ids, undefined), true;
  const ns = numbersIn(t);
  if (!ns) return false;
  if (ns.length !== state.ids.length || ns.some((n) => n < 0)) {
    sendText(turn, `请按顺序写 ${state.ids.length} 个金额（收到 ${ns.length} 个），或回复「全部同去年」。`);
    return true;
  }
  await applyAmounts(turn, state.ids, ns);
  return true;
}

/** Buttons of the import questions (`imp:all`, `imp:3`, `imp:same`, `imp:gen`). */
export async function importAction(turn: Turn, arg: string): Promise<void> {
  if (arg === 'gen') return generateAll(turn);
  const state = turn.profile.importing;
  if (arg === 'same' && state?.stage === 'amounts') return applyAmounts(turn, state.ids, undefined);
  if (state?.stage === 'pick') {
    if (arg === 'all') return pick(turn, state.tables);
    const n = Number(arg);
    if (Number.isInteger(n) && state.tables[n - 1]) return pick(turn, [state.tables[n - 1]!]);
  }
  say(turn, '该按钮已过期。');
  ask(turn);
}

/** 生成全部: every complete draft without errors is finished; all finished ones go into one set. */
export async function generateAll(turn: Turn): Promise<void> {
  if (!turn.s.renderSet) return say(turn, '暂不支持一次生成全部。'), ask(turn);
  const stored = await turn.s.store.list(turn.userKey);
  const drafts = stored.map((d) => turn.dirty.get(d.id) ?? d);
  for (const d of turn.dirty.values()) if (!drafts.some((x) => x.id === d.id)) drafts.push(d);
  const skipped: string[] = [];
  // Drafts this 生成全部 finishes, with their final tables: marked done only once the files exist.
  const finishing = new Map<string, DraftTable>();
  for (const d of drafts) {
    if (d.status !== 'active') continue;
    if (nextStep(d) !== 'review') {
      if (d.table.projectName) skipped.push(`${d.table.projectName}（未填完）`);
      continue;
    }
    const { table } = effectiveTable(d.table, turn.now);
    const errors = turn.s.checkTable(table).filter((f) => f.severity === 'error');
    if (errors.length) {
      skipped.push(`${d.table.projectName ?? '未命名'}（${errors.length} 处错误）`);
      continue;
    }
    finishing.set(d.id, table);
  }
  turn.profile.importing = undefined;
  const done = drafts
    .filter((d) => d.status === 'done' || finishing.has(d.id))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (done.length === 0) {
    say(turn, `还没有可生成的表。${skipped.length ? `未完成：${skipped.join('、')}。` : ''}`);
    return ask(turn);
  }
  const layout = done[0]!.layout ?? turn.s.layouts[0]?.id;
  let files: { docx: Uint8Array; xlsx: Uint8Array };
  try {
    files = await turn.s.renderSet(done.map((d) => finishing.get(d.id) ?? d.table), { layout, onQueued: waitNotice(turn) });
  } catch (err) {
    if (err instanceof GenerationBusyError) return say(turn, BUSY_TEXT), ask(turn);
    console.error(`[dialog] set render failed for ${turn.userKey}: ${(err as Error).message}`);
    return say(turn, '抱歉，生成文件时出错了，请稍后再试一次。'), ask(turn);
  }
  for (const d of done) {
    const table = finishing.get(d.id);
    if (!table) continue;
    d.table = table;
    d.status = 'done';
    d.doneAt = turn.now.toISOString();
    d.step = 'review';
    touch(turn, d);
    if (turn.profile.current === d.id) {
      turn.profile.current = undefined;
      turn.draft = undefined;
    }
  }
  const year = done[0]!.table.year;
  const stem = `${year ? `${year}_` : ''}全部绩效目标表`;
  sendText(turn, `已生成 ${done.length} 张表：一个 DOCX（每页一张表，前有目录）和一个 Excel 指标清单（每行一个指标）。${skipped.length ? `\n未放入：${skipped.join('、')}。` : ''}`);
  turn.out.push({ type: 'file', name: `${stem}.docx`, mime: DOCX_MIME, bytes: files.docx, caption: `${done.length} 张表` });
  turn.out.push({ type: 'file', name: `${year ? `${year}_` : ''}绩效指标清单.xlsx`, mime: XLSX_MIME, bytes: files.xlsx });
}

/** 「检查」: the next file is checked, not imported. */
export function startCheck(turn: Turn): void {
  turn.profile.importing = { stage: 'check' };
  sendText(turn, `请发送要检查的文件：Word（.docx）、Excel（.xlsx）、PDF 或 .json 草稿。我按审核规则逐张检查，不会保存，也不会改动你的草稿。`);
}

/** Whether a file is meant for 检查: sent with the caption 检查, or after a 「检查」 message. */
export function isCheckRequest(turn: Turn, caption: string | undefined): boolean {
  return turn.profile.importing?.stage === 'check' || /^(检查|审核|检查文件)$/.test(caption?.trim() ?? '');
}

const MAX_CHECKED_FINDINGS = 8;

/** Every table of a file against the review rules; nothing is stored, no draft changes. */
export async function checkTableFile(turn: Turn, name: string, bytes: Uint8Array): Promise<void> {
  if (turn.profile.importing?.stage === 'check') turn.profile.importing = undefined;
  let tables: DraftTable[];
  if (isDraftFileName(name)) {
    const read = readDraftFile(bytes);
    if (!read.ok) return say(turn, `无法检查这个文件：它${read.message}。`), ask(turn);
    tables = [read.table];
  } else {
    if (!turn.s.importFile) return say(turn, `暂不支持此类文件。${ACCEPTED_FILES_TEXT}`), ask(turn);
    const result = await turn.s.importFile(name, bytes);
    if (!result.ok) return say(turn, result.message), ask(turn);
    tables = result.tables;
  }
  const parts = tables.map((t, i) => {
    const findings = turn.s.checkTable(t);
    const head = `${tables.length > 1 ? `${i + 1}. ` : ''}${tableLine(t)}`;
    if (findings.length === 0) return `${head}\n✓ 未发现问题`;
    const errors = findings.filter((f) => f.severity === 'error').length;
    const shown = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)).slice(0, MAX_CHECKED_FINDINGS);
    const more = findings.length - shown.length;
    return `${head}：${errors} 处需修改，${findings.length - errors} 条提示\n${formatFindings(shown)}${more ? `\n……另有 ${more} 条` : ''}`;
  });
  say(turn, `「${name}」检查结果（${tables.length} 张表）：\n${parts.join('\n\n')}\n\n只做了检查，没有保存。要在此基础上修改，请直接发送文件导入。`);
  ask(turn);
}
