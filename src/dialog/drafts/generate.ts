/** 生成: the last step — check everything, render the DOCX, archive the draft. */
import type { DraftTable } from '../../domain/draft.ts';
import { nextStep } from '../answers/answers.ts';
import { effectiveTable } from './defaults.ts';
import { draftFindings } from './findings.ts';
import { advance } from '../flow/flow.ts';
import { confirmIndicators } from '../indicators/indicators.ts';
import { ask, layoutLabel } from '../flow/questions.ts';
import type { Finding } from '../../rules/index.ts';
import { GenerationBusyError } from '../services.ts';
import { BUSY_TEXT, say, sendChoices, sendText, touch, waitNotice, type Turn } from '../turn.ts';
import { DOCX_MIME } from '../types.ts';
import type { DraftRecord } from '../records.ts';
import { formatMoney } from '../answers/parse.ts';

/**
 * What the channels send with the file, as is: what the file holds and what a person still has to
 * check before it is stamped (estimated values, the rules' hints, the 填报单位 left blank).
 */
export function fileCaption(table: DraftTable, findings: Finding[]): string {
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const estimated = table.indicators.flatMap((i, k) => (i.estimate ? [k + 1] : []));
  const total = table.amounts.annual.total;
  // As the DOCX prints it: the user's entry (even an empty one), else the 主管部门.
  const unit = (table.reportingUnit ?? table.department ?? '').trim();
  const check = [
    estimated.length ? `第 ${estimated.join('、')} 条指标值是按预算估算的` : '',
    warnings ? `${warnings} 条提示（标 △ 的）` : '',
    unit ? '' : '填报单位（盖章处）为空',
  ].filter(Boolean);
  return [
    `「${table.projectName ?? '未命名项目'}」项目支出绩效目标表（Word）`,
    `内含：项目信息、资金${total === undefined ? '' : ` ${formatMoney(total, table.amounts.unit)}`}、绩效目标、${table.indicators.length} 条绩效指标${unit ? `；填报单位：${unit}` : ''}。`,
    check.length ? `还需核对：${check.join('；')}。` : '校验通过，报送前请通读一遍并盖章。',
  ].join('\n');
}

/** `0301-0800` (month, day, hour, minute in UTC). */
const fileTime = (d: Date): string => d.toISOString().slice(5, 16).replace(/[-:]/g, '').replace('T', '-');

/** 生成: finish the indicators if needed, check everything, render, mark the draft done. */
export async function generate(turn: Turn): Promise<void> {
  const draft = turn.draft;
  if (!draft) return say(turn, '还没有草稿，先告诉我项目名称吧。'), ask(turn);
  touch(turn, draft);
  draft.editing = undefined;
  const missing = nextStep(draft);
  if (missing === 'indicators' && draft.table.indicators.length > 0) {
    if (!(await confirmIndicators(turn, draft))) return ask(turn);
    say(turn, '已采用当前的指标。');
  } else if (missing !== 'review') {
    const label = { name: '项目名称', department: '主管部门', amount: '金额', fundUse: '资金用途', indicators: '绩效指标' }[missing];
    say(turn, `还缺${label}，补上就能生成。`);
    await advance(turn);
    return ask(turn);
  }
  draft.step = 'review';
  const { table } = effectiveTable(draft.table, turn.now);
  const findings = draftFindings(turn, table);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) {
    // The review question below lists the findings; say only why nothing was generated.
    say(turn, `还不能生成：有 ${errors.length} 处需要修改（标 ✗ 的）。`);
    return ask(turn);
  }
  let bytes: Uint8Array;
  try {
    bytes = await turn.s.render(table, { layout: draft.layout ?? turn.s.layouts[0]?.id, onQueued: waitNotice(turn) });
  } catch (err) {
    if (err instanceof GenerationBusyError) return say(turn, BUSY_TEXT), ask(turn);
    console.error(`[dialog] render failed for ${turn.userKey}/${draft.id}: ${(err as Error).message}`);
    say(turn, '抱歉，生成文件时出错了，请稍后再试一次。');
    return ask(turn);
  }
  const again = draft.doneAt !== undefined;
  draft.table = table;
  // A draft generated again gets a file that says when, so the two files are not mistaken for each other.
  const name = again ? turn.s.docxFileName(table).replace(/\.docx$/, `_${fileTime(turn.now)}.docx`) : turn.s.docxFileName(table);
  sendText(turn, `已生成「${table.projectName ?? ''}」的绩效目标表（${layoutLabel(turn, draft)}）。`);
  const file = { type: 'file' as const, name, mime: DOCX_MIME, bytes, caption: fileCaption(table, findings) };
  if (turn.receipts) {
    // Not done until the file has arrived: the channel reports back (receipt) and only then is the
    // draft archived; a refused upload leaves it current, with 重新发送.
    turn.out.push({ ...file, receipt: draft.id });
    return;
  }
  turn.out.push(file);
  archive(turn, draft);
}

/** Marks the draft done and offers the next step. */
function archive(turn: Turn, draft: DraftRecord): void {
  touch(turn, draft);
  draft.status = 'done';
  draft.doneAt = turn.now.toISOString();
  if (turn.profile.current === draft.id) turn.profile.current = undefined;
  turn.profile.lastDepartment = draft.table.department;
  turn.profile.lastImplementer = draft.table.implementer;
  if (turn.draft?.id === draft.id) turn.draft = undefined;
  sendChoices(turn, '草稿已存档。还要再做一份吗？', [
    ['new', '新建'],
    ['copy', '复制这份'],
  ]);
}

/** The channel's report on a generated file: archive once delivered, else say so and offer 重新发送. */
export async function receipt(turn: Turn, input: { draftId: string; delivered: boolean }): Promise<void> {
  const draft = turn.draft?.id === input.draftId ? turn.draft : await turn.s.store.get(turn.userKey, input.draftId);
  if (!draft || draft.status !== 'active') return;
  if (input.delivered) return archive(turn, draft);
  // The draft stays as it was (current, step 'review'): 生成 or the button builds and sends it again.
  if (turn.profile.current !== draft.id) {
    turn.profile.current = draft.id;
    turn.draft = draft;
  }
  sendChoices(turn, `文件「${draft.table.projectName ?? '绩效目标表'}」没有发送成功，草稿仍保留，没有存档。请点「重新发送」再试一次。`, [['gen', '重新发送']]);
}

