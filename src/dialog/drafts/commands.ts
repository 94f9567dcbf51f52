/** Recognises commands in Chinese words and slash forms (`/new`, as Telegram users type them). */
import type { EditField } from '../records.ts';
import { normalizeKeep, normalizeText } from '../answers/parse.ts';

export type Command =
  | { kind: 'help' }
  | { kind: 'start' }
  | { kind: 'new' }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'edit'; field?: EditField | 'indicators' | 'layout'; rawField?: string }
  | { kind: 'show' }
  | { kind: 'template'; keyword: string }
  | { kind: 'done' }
  | { kind: 'cancel' }
  | { kind: 'drafts' }
  | { kind: 'layout' }
  | { kind: 'copy' }
  | { kind: 'undo' }
  /** 修改 金额 40万 / 把金额改成40万: a field and its new value in one message. */
  | { kind: 'set'; field: EditField; value: string };

const SIMPLE: Record<string, Command['kind']> = {
  帮助: 'help', help: 'help', '?': 'help', 怎么用: 'help',
  start: 'start', 开始: 'start',
  新建: 'new', 新建草稿: 'new', 新的: 'new', new: 'new', 重新开始: 'new',
  返回: 'back', 上一步: 'back', back: 'back',
  跳过: 'skip', skip: 'skip',
  查看: 'show', 汇总: 'show', 摘要: 'show', show: 'show',
  生成: 'done', 完成: 'done', done: 'done', 生成文件: 'done', 生成吧: 'done', 开始生成: 'done', 可以生成了: 'done',
  生成表格: 'done', 出表: 'done', 导出: 'done', 生成word: 'done', 直接生成: 'done', 完成吧: 'done',
  撤销: 'undo', 撤回: 'undo', undo: 'undo', 恢复上一步: 'undo', 撤销上一步: 'undo',
  取消: 'cancel', cancel: 'cancel', 放弃: 'cancel',
  草稿: 'drafts', 草稿列表: 'drafts', 继续: 'drafts', drafts: 'drafts', 我的草稿: 'drafts',
  版式: 'layout', layout: 'layout', 选择版式: 'layout',
  复制上一份: 'copy', copy: 'copy',
};

/** Field words a user may name after 修改; the longest match wins. */
export const FIELD_WORDS: Array<[string, EditField | 'indicators' | 'layout']> = [
  ['项目名称', 'projectName'], ['名称', 'projectName'], ['项目名', 'projectName'],
  ['项目编码', 'projectCode'], ['编码', 'projectCode'],
  ['主管部门', 'department'], ['部门', 'department'],
  ['实施单位', 'implementer'], ['单位', 'implementer'],
  ['项目实施期', 'period'], ['实施期', 'period'], ['期限', 'period'],
  ['资金投入', 'amounts'], ['金额', 'amounts'], ['资金', 'amounts'], ['预算', 'amounts'],
  ['项目资金主要用途', 'fundUse'], ['资金用途', 'fundUse'], ['用途', 'fundUse'],
  ['资金支出计划', 'spendingPlan'], ['支出计划', 'spendingPlan'], ['支出进度', 'spendingPlan'], ['计划', 'spendingPlan'],
  ['实施期目标', 'targets.period'], ['年度目标', 'targets.annual'], ['绩效目标', 'targets'], ['目标', 'targets'],
  ['绩效指标', 'indicators'], ['指标', 'indicators'],
  ['版式', 'layout'],
];

export function fieldFromWord(word: string): EditField | 'indicators' | 'layout' | undefined {
  const w = word.replace(/\s+/g, '');
  if (!w) return undefined;
  const exact = FIELD_WORDS.find(([k]) => k === w);
  if (exact) return exact[1];
  return [...FIELD_WORDS].sort((a, b) => b[0].length - a[0].length).find(([k]) => w.includes(k))?.[1];
}

/** What people put after a command (生成吧, 撤销~, /back!!): never part of it. */
const TAIL = /(?:[。！!.~～?？\s]|吧|啊|呀|哈|啦)+$/;

/** 「我要填表」「做一张绩效目标表」: the wish to start, never a project name. */
const WANT_TO_START = /^(?:我|我们)?(?:要|想|想要|准备|需要)?(?:开始)?(?:填|做|写|编|编制|制作|填写)(?:一下|一)?[张份个]?(?:项目支出)?(?:绩效)?(?:目标)?表(?:格)?$/;

/** The command a message is, or undefined for an ordinary answer. */
export function parseCommand(input: string): Command | undefined {
  const text = normalizeText(input);
  // 「/back!!」 is /back: trailing punctuation never turns a command into an answer.
  const slash = /^\/([a-z]+)(?:@\S+)?(?:\s+([\s\S]*))?$/i.exec(text.replace(TAIL, ''));
  // Phones capitalise the first letter (Help, New, /New): command words match in any case.
  const word = (slash ? slash[1]! : text.replace(TAIL, '')).toLowerCase().replace(/\s+/g, '');
  const arg = slash ? (slash[2] ?? '').trim() : '';
  if (slash && word === 'edit') return editCommand(arg);
  if (slash && word === 'template') return { kind: 'template', keyword: arg };
  // Own keys only: 「valueOf」 or 「constructor」 must not find Object.prototype's members.
  const simple = Object.hasOwn(SIMPLE, word) ? SIMPLE[word] : undefined;
  if (simple) return { kind: simple } as Command;
  if (slash) return { kind: 'help' };
  if (WANT_TO_START.test(word)) return { kind: 'start' };
  // The value keeps the punctuation typed (，stays ，): it goes into the table as written.
  const kept = normalizeKeep(input);
  const set = /^把?\s*([\u4e00-\u9fa5]{2,8}?)\s*(?:改成|改为|换成|更正为|修改为|应为)\s*[:：]?\s*(\S[\s\S]*)$/.exec(kept);
  if (set) {
    const field = fieldFromWord(set[1]!);
    if (field && field !== 'indicators' && field !== 'layout' && FIELD_WORDS.some(([k]) => k === set[1])) {
      return { kind: 'set', field, value: set[2]!.trim() };
    }
  }
  const edit = /^(?:修改|更改|改一下|重填)\s*([\s\S]*)$/.exec(kept);
  if (edit) return editCommand(edit[1] ?? '');
  const tpl = /^(?:指标|模板|查指标)\s+(\S[\s\S]*)$/.exec(text);
  if (tpl) return { kind: 'template', keyword: tpl[1]!.trim() };
  return undefined;
}

function editCommand(arg: string): Command {
  const rawField = arg.trim();
  // 「修改 金额 40万」: the field word, then its value.
  const withValue = /^(\S+?)\s*(?:[:：]|为|成|改成|改为|\s)\s*(\S[\s\S]*)$/.exec(rawField);
  if (withValue) {
    const exact = FIELD_WORDS.find(([k]) => k === withValue[1]);
    if (exact && exact[1] !== 'indicators' && exact[1] !== 'layout') return { kind: 'set', field: exact[1], value: withValue[2]!.trim() };
  }
  return { kind: 'edit', field: fieldFromWord(rawField), rawField: rawField || undefined };
}
