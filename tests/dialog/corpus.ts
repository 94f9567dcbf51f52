/**
 * A corpus of real-style messages, each sent at a given step of a real conversation (real engine,
 * lowdb store, rules, library, renderer), with what it must be taken for and what the stored draft
 * must look like afterwards. Used by tests/dialog/corpus.test.ts and by `npm run bench dialog`.
 */
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { createEngine } from '../../src/app.ts';
import { messageKind, type MessageKind } from '../../src/dialog/answers/kind.ts';
import type { DraftRecord, EditField, Profile } from '../../src/dialog/records.ts';
import { BASIC, NOW, User, tempDir } from './helpers.ts';

/** Where the message is sent: no draft yet, a question of the flow, the summary, the 修改 实施期 question, or after the DOCX. */
export type At = 'fresh' | 'name' | 'department' | 'amount' | 'fundUse' | 'indicators' | 'review' | 'period' | 'done';

/**
 * What must hold afterwards. `drafts`: how many drafts the user has; `same`: the table is what it
 * was; `more`: how many indicators were added (negative: removed); any other key is a path into the current draft
 * (`table.amounts.annual.total`, `step`) or, with `profile.`, into the profile.
 */
export type Expect = Record<string, unknown>;

export interface Case {
  at: At;
  text: string;
  kind: MessageKind;
  expect?: Expect;
  /** A reply must contain this. */
  says?: string;
}

const c = (at: At, text: string, kind: MessageKind, expect?: Expect, says?: string): Case => ({ at, text, kind, expect, says });
const SAME = { same: true };
const NO_DRAFT = { drafts: 1, current: undefined };

export const CORPUS: Case[] = [
  // After the DOCX: replies that close or confirm never start a draft.
  c('done', '不用了，谢谢', 'refuse', NO_DRAFT),
  c('done', '谢谢', 'thanks', NO_DRAFT),
  c('done', '好', 'confirm', NO_DRAFT),
  c('done', '全部采纳', 'confirm', NO_DRAFT),
  c('done', '好的，谢谢', 'thanks', NO_DRAFT),
  c('done', '辛苦了', 'thanks', NO_DRAFT),
  c('done', '这个表什么时候交？', 'question', NO_DRAFT),
  c('done', '再见', 'thanks', NO_DRAFT),
  c('done', '修改 金额', 'command', { 'step': 'review', 'editing': 'amounts', drafts: 1 }),
  c('done', '把金额改成40万', 'command', { 'table.amounts.annual.total': 40, drafts: 1 }),
  c('done', '新建', 'command', { drafts: 2, 'table.projectName': undefined }),
  c('done', '社区矫正工作经费', 'answer', { drafts: 2, 'table.projectName': '社区矫正工作经费' }),
  // No draft yet.
  c('fresh', '你好', 'greeting', { drafts: 0 }),
  c('fresh', '您好！', 'greeting', { drafts: 0 }),
  c('fresh', 'hi', 'greeting', { drafts: 0 }),
  c('fresh', '在吗', 'greeting', { drafts: 0 }),
  c('fresh', '好', 'confirm', { drafts: 0 }),
  c('fresh', '好的', 'confirm', { drafts: 0 }),
  c('fresh', '全部采纳', 'confirm', { drafts: 0 }),
  c('fresh', '没问题', 'confirm', { drafts: 0 }),
  c('fresh', 'OK', 'confirm', { drafts: 0 }),
  c('fresh', '不用了', 'refuse', { drafts: 0 }),
  c('fresh', '算了', 'refuse', { drafts: 0 }),
  c('fresh', '谢谢', 'thanks', { drafts: 0 }),
  c('fresh', '怎么用？', 'command', { drafts: 0 }, '可随时发送'),
  c('fresh', '这个表什么时候交？', 'question', { drafts: 0 }),
  c('fresh', '能导出Excel吗', 'question', { drafts: 0 }),
  c('fresh', '帮助', 'command', { drafts: 0 }),
  c('fresh', '/start', 'command', { drafts: 0 }),
  c('fresh', '社区矫正工作经费', 'answer', { 'table.projectName': '社区矫正工作经费', step: 'department' }),
  c('fresh', '人民调解工作经费', 'answer', { 'table.projectName': '人民调解工作经费' }),
  c('fresh', '60', 'answer', { drafts: 1, 'table.projectName': undefined }),
  c('fresh', '项目名称：社区矫正工作经费\n主管部门：大连高新区司法局\n金额：20万元\n资金用途：用于社区矫正对象教育帮扶、心理矫治和日常监督管理', 'paste', {
    'table.projectName': '社区矫正工作经费', 'table.department': '大连高新区司法局', 'table.amounts.annual.total': 20, step: 'indicators',
  }),
  c('fresh', '我要填表', 'command', { drafts: 0 }, '请告诉我项目名称'),
  c('fresh', '做一张绩效目标表', 'command', { drafts: 0 }),
  c('fresh', '我们是大连高新区司法局，今年要申报社区矫正工作经费20万元，用于社区矫正对象教育帮扶、心理矫治和日常监督管理。', 'paragraph', {
    'table.projectName': '社区矫正工作经费', 'table.department': '大连高新区司法局', 'table.amounts.annual.total': 20,
    'table.fundUse': '用于社区矫正对象教育帮扶、心理矫治和日常监督管理', step: 'indicators',
  }),
  c('fresh', '网格化服务管理工作经费，某区委政法委，35.6万，用于全区286名专职网格员培训、平台运维和工作补贴', 'paragraph', {
    'table.projectName': '网格化服务管理工作经费', 'table.department': '某区委政法委', 'table.amounts.annual.total': 35.6, step: 'indicators',
  }),
  c('fresh', '某县司法局申请人民调解工作经费十五万元，主要用于人民调解员培训和以案定补', 'paragraph', {
    'table.projectName': '人民调解工作经费', 'table.department': '某县司法局', 'table.amounts.annual.total': 15, 'table.fundUse': '用于人民调解员培训和以案定补',
  }),
  c('fresh', '社区矫正工作经费，实施期两年共70万其中今年35万，某区司法局，用于社区矫正对象教育帮扶和心理矫治', 'paragraph', {
    'table.amounts.annual.total': 35, 'table.amounts.period.total': 70, 'table.department': '某区司法局',
  }),
  c('fresh', '我们明年要申请20万做社区矫正，主要是用于社区矫正对象教育帮扶和心理矫治', 'paragraph', {
    'table.projectName': undefined, 'table.amounts.annual.total': 20, step: 'name',
  }, '请告诉我项目名称'),
  // The name question.
  c('name', '法律援助专项经费 市法律援助中心 三十五万六千 用于办理法律援助案件和支付律师办案补贴', 'paragraph', {
    'table.projectName': '法律援助专项经费', 'table.department': '市法律援助中心', 'table.amounts.annual.total': 35.6, step: 'indicators',
  }),
  c('name', '好', 'confirm', { 'table.projectName': undefined }),
  c('name', '可以', 'confirm', { 'table.projectName': undefined }),
  c('name', '是的', 'confirm', { 'table.projectName': undefined }),
  c('name', '下一步', 'confirm', { 'table.projectName': undefined }),
  c('name', '不知道', 'answer', { 'table.projectName': '不知道' }),
  c('name', '请问名称怎么写？', 'question', { 'table.projectName': undefined }),
  c('name', '2025', 'answer', { 'table.projectName': undefined }),
  c('name', '？？', 'question', { 'table.projectName': undefined }),
  c('name', '法律援助专项经费', 'answer', { 'table.projectName': '法律援助专项经费' }),
  c('name', '平安建设经费（2026年）', 'answer', { 'table.projectName': '平安建设经费（2026年）' }),
  c('name', '跳过', 'command', { 'table.projectName': undefined }),
  c('name', '谢谢', 'thanks', { 'table.projectName': undefined }),
  // The department question.
  c('department', '好', 'confirm', { 'table.department': undefined, 'profile.lastDepartment': undefined }),
  c('department', '好的', 'confirm', { 'table.department': undefined }),
  c('department', '行', 'confirm', { 'table.department': undefined }),
  c('department', '就这样', 'confirm', { 'table.department': undefined }),
  c('department', '这个表什么时候交？', 'question', { 'table.department': undefined, 'profile.lastDepartment': undefined }),
  c('department', '60', 'answer', { 'table.department': undefined, 'pending.value': '60', 'profile.lastDepartment': undefined }),
  c('department', '不用了', 'refuse', { 'table.department': undefined }),
  c('department', '大连高新区司法局', 'answer', { 'table.department': '大连高新区司法局', 'profile.lastDepartment': '大连高新区司法局', step: 'amount' }),
  c('department', '秦皇岛市公安局', 'answer', { 'table.department': '秦皇岛市公安局' }),
  c('department', '市委政法委', 'answer', { 'table.department': '市委政法委' }),
  c('department', '区人民法院', 'answer', { 'table.department': '区人民法院' }),
  c('department', '县法律援助中心', 'answer', { 'table.department': '县法律援助中心' }),
  c('department', '市司法局办公室', 'answer', { 'table.department': '市司法局办公室' }),
  c('department', '开发区综合执法大队', 'answer', { 'table.department': '开发区综合执法大队' }),
  c('department', '某某街道办事处', 'answer', { 'table.department': '某某街道办事处' }),
  c('department', '市财政局预算科', 'answer', { 'table.department': '市财政局预算科' }),
  c('department', '张三', 'answer', { 'table.department': undefined, 'pending.value': '张三' }),
  c('department', '司法', 'answer', { 'table.department': undefined, 'pending.value': '司法' }),
  c('department', '主管部门：大连高新区司法局', 'paste', { 'table.department': '大连高新区司法局' }),
  c('department', '返回', 'command', { step: 'name' }),
  c('department', '你好', 'greeting', { 'table.department': undefined }),
  // The amount question.
  c('amount', '35.6万', 'answer', { 'table.amounts.annual.total': 35.6, 'table.amounts.unit': '万元' }, '金额：年度 35.6万元'),
  c('amount', '35.6w', 'answer', { 'table.amounts.annual.total': 35.6, 'table.amounts.unit': '万元' }),
  c('amount', '35.6W', 'answer', { 'table.amounts.annual.total': 35.6 }),
  c('amount', '￥356000', 'answer', { 'table.amounts.annual.total': 356000, 'table.amounts.unit': '元' }, '356000元'),
  c('amount', '¥356,000', 'answer', { 'table.amounts.annual.total': 356000, 'table.amounts.unit': '元' }),
  c('amount', '356000元', 'answer', { 'table.amounts.annual.total': 356000, 'table.amounts.unit': '元' }),
  c('amount', '356,000元', 'answer', { 'table.amounts.annual.total': 356000, 'table.amounts.unit': '元' }),
  c('amount', '356000', 'answer', { 'table.amounts.annual.total': undefined, 'pending.value': '356000元' }, '356000元'),
  c('amount', '三十五万六千', 'answer', { 'table.amounts.annual.total': 35.6, 'table.amounts.unit': '万元' }),
  c('amount', '叁拾伍万陆仟元', 'answer', { 'table.amounts.annual.total': 35.6, 'table.amounts.unit': '万元' }),
  c('amount', '二十万', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '二十万元', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '一百万', 'answer', { 'table.amounts.annual.total': 100 }),
  c('amount', '实施期两年共70万其中今年35万', 'answer', { 'table.amounts.annual.total': 35, 'table.amounts.period.total': 70, 'table.period': '2027年1月至2028年12月' }, '项目实施期：2027年1月至2028年12月'),
  c('amount', '财政拨款30万其余自筹', 'answer', { 'table.amounts.annual.total': undefined }, '总金额'),
  c('amount', '总额50万，财政拨款30万，其余自筹', 'answer', { 'table.amounts.annual.total': 50, 'table.amounts.annual.fiscal': 30, 'table.amounts.annual.other': 20 }),
  c('amount', '实施期100万，年度20万，财政拨款15万，其他资金5万', 'answer', { 'table.amounts.period.total': 100, 'table.amounts.annual.fiscal': 15 }),
  c('amount', '20', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '20万元', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '20万', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '大概20万左右', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '2026年预算20万', 'answer', { 'table.amounts.annual.total': 20 }),
  c('amount', '年度 20 万元；实施期 60 万元', 'answer', { 'table.amounts.annual.total': 20, 'table.amounts.period.total': 60 }),
  c('amount', '加 数量指标 网格员人数 ≥50人', 'edit', { 'table.amounts.annual.total': undefined }),
  c('amount', '删 999', 'edit', { 'table.amounts.annual.total': undefined }),
  c('amount', '2025年', 'answer', { 'table.amounts.annual.total': undefined }, '年份'),
  c('amount', '第3季度', 'answer', { 'table.amounts.annual.total': undefined }, '季度'),
  c('amount', '35万亿', 'answer', { 'table.amounts.annual.total': undefined }, '太大'),
  c('amount', '9999999999999999999', 'answer', { 'table.amounts.annual.total': undefined }, '太大'),
  c('amount', '-5', 'answer', { 'table.amounts.annual.total': undefined }),
  c('amount', '0', 'answer', { 'table.amounts.annual.total': undefined }),
  c('amount', '很多钱', 'answer', { 'table.amounts.annual.total': undefined }),
  c('amount', '好', 'confirm', { 'table.amounts.annual.total': undefined }),
  c('amount', '没问题', 'confirm', { 'table.amounts.annual.total': undefined }),
  c('amount', '金额怎么填？', 'question', { 'table.amounts.annual.total': undefined }),
  c('amount', '撤销', 'command', { 'table.department': undefined }),
  c('amount', '修改 部门', 'command', { editing: 'department' }),
  c('amount', '/back', 'command', { step: 'department' }),
  // The purpose question.
  c('fundUse', '培训', 'answer', { 'table.fundUse': undefined }, '具体一些'),
  c('fundUse', '好的', 'confirm', { 'table.fundUse': undefined }),
  c('fundUse', '用于社区矫正对象教育帮扶、心理矫治和日常监督管理', 'answer', { 'table.fundUse': '用于社区矫正对象教育帮扶、心理矫治和日常监督管理', step: 'indicators' }),
  c('fundUse', '用于开展法律援助，办理援助案件，支付律师办案补贴。', 'answer', { 'table.fundUse': '用于开展法律援助，办理援助案件，支付律师办案补贴。' }),
  c('fundUse', '用于开展培训，共计3期，每期50人', 'answer', { 'table.fundUse': '用于开展培训，共计3期，每期50人' }),
  c('fundUse', '把金额改成40万', 'command', { 'table.amounts.annual.total': 40, 'table.fundUse': undefined }, '原为'),
  c('fundUse', '修改 金额 40万', 'command', { 'table.amounts.annual.total': 40 }, '40万元'),
  c('fundUse', '金额改为35.6万', 'command', { 'table.amounts.annual.total': 35.6 }),
  c('fundUse', '不知道写什么？', 'question', { 'table.fundUse': undefined }),
  c('fundUse', '撤销', 'command', { 'table.amounts.annual.total': undefined }),
  // The indicator step.
  c('indicators', '全部采纳', 'confirm', { step: 'review', indicatorsConfirmed: true }),
  c('indicators', '全部采用', 'confirm', { step: 'review' }),
  c('indicators', '好的', 'confirm', { step: 'review' }),
  c('indicators', '好', 'confirm', { step: 'review' }),
  c('indicators', '就这样', 'confirm', { step: 'review' }),
  c('indicators', '没问题', 'confirm', { step: 'review' }),
  c('indicators', '下一步', 'confirm', { step: 'review' }),
  c('indicators', '都要', 'confirm', { step: 'review' }),
  c('indicators', '可以的', 'confirm', { step: 'review' }),
  c('indicators', 'ok', 'confirm', { step: 'review' }),
  c('indicators', '确认', 'confirm', { step: 'review' }),
  c('indicators', '行吧', 'confirm', { step: 'review' }),
  c('indicators', '生成吧', 'command', { drafts: 1, current: undefined }),
  c('indicators', '生成', 'command', { drafts: 1, current: undefined }),
  c('indicators', '改 1 ≥900人', 'edit', { 'table.indicators.0.value': '≥900人' }),
  c('indicators', '第1条改成≥900人', 'edit', { 'table.indicators.0.value': '≥900人' }),
  c('indicators', '改 1 依据 2025年实际完成数', 'edit', { 'table.indicators.0.basis': '2025年实际完成数' }),
  c('indicators', '改 1 描述 全年接收的社区矫正对象人数', 'edit', { 'table.indicators.0.description': '全年接收的社区矫正对象人数' }),
  c('indicators', '改 1 -5件', 'edit', { same: true }, '负数'),
  c('indicators', '删掉第3条和第5条', 'edit', { more: -2 }),
  c('indicators', '删 4', 'edit', { more: -1 }),
  c('indicators', '1,2,4-6', 'answer', { 'table.indicators.length': 5 }),
  c('indicators', '加 质量指标 培训合格率 ≥95%', 'edit', { more: 1 }),
  c('indicators', '再加一个群众满意度不低于95%', 'edit', { more: 1 }, '群众满意度'),
  c('indicators', '加 成本指标 培训成本 ≤0万元', 'edit', SAME, '成本不能是 0'),
  c('indicators', '加 数量指标 培训人数 -5人', 'edit', SAME, '负数'),
  c('indicators', '加 数量指标 网格员人数 ≥50人\n加 数量指标 培训场次 ≥12场\n加 质量指标 培训合格率 ≥95%\n加 时效指标 培训完成时间 2027年11月底前\n加 数量指标 ' + '很长的名称'.repeat(40) + ' ≥1个\n加 服务对象满意度指标 参训人员满意度 ≥90%', 'edit', { more: 5 }, '没有生效'),
  c('indicators', '指标 社区矫正', 'command', SAME),
  c('indicators', '这些指标是哪来的？', 'question', SAME),
  c('indicators', '撤销', 'command', { 'table.fundUse': undefined }, '已撤销'),
  // The summary.
  c('review', '生成', 'command', { drafts: 1, current: undefined }),
  c('review', '生成吧', 'command', { drafts: 1, current: undefined }),
  c('review', '好的', 'confirm', { drafts: 1, current: undefined }),
  c('review', '就这样', 'confirm', { drafts: 1, current: undefined }),
  c('review', '没问题', 'confirm', { drafts: 1, current: undefined }),
  c('review', '完成', 'command', { drafts: 1, current: undefined }),
  c('review', '改 6 2027年11月底前', 'edit', { 'table.indicators.5.value': '2027年11月底前', step: 'review' }),
  c('review', '第4条改成≥95%', 'edit', { 'table.indicators.3.value': '≥95%', step: 'review' }),
  c('review', '改 4 依据 上年度完成情况', 'edit', { 'table.indicators.3.basis': '上年度完成情况', step: 'review' }),
  c('review', '再加一个群众满意度不低于95%', 'edit', { more: 1, step: 'review' }),
  c('review', '删掉第3条和第5条', 'edit', { more: -2, step: 'review' }),
  c('review', '把金额改成40万', 'command', { 'table.amounts.annual.total': 40, step: 'review' }, '原为'),
  c('review', '修改 金额 40万', 'command', { 'table.amounts.annual.total': 40, step: 'review' }),
  c('review', '修改 金额', 'command', { editing: 'amounts' }),
  c('review', '把主管部门改成大连市司法局', 'command', { 'table.department': '大连市司法局' }),
  c('review', '项目名称改为社区矫正专项经费', 'command', { 'table.projectName': '社区矫正专项经费' }),
  c('review', '撤销', 'command', { 'table.fundUse': undefined }, '已撤销'),
  c('review', '查看', 'command', SAME),
  c('review', '这个表什么时候交？', 'question', SAME),
  c('review', '不用了，谢谢', 'refuse', SAME),
  c('review', '随便写点什么', 'answer', SAME),
  c('review', '加 数量指标 网格员人数 ≥50人', 'edit', { more: 1 }),
  c('review', '改 1 -5件', 'edit', SAME, '负数'),
  c('review', '改 2 描述 脱管、漏管的社区矫正对象占在册人数的比例（按月统计）', 'edit', { 'table.indicators.1.description': '脱管、漏管的社区矫正对象占在册人数的比例（按月统计）' }, '描述：'),
  c('review', '修改 实施期 2027年1月至2028年12月', 'command', { 'table.period': '2027年1月至2028年12月' }),
  c('review', '修改 金额 实施期70万，年度35万', 'command', { 'table.amounts.annual.total': 35, 'table.period': undefined }, '项目实施期：2027年1月至2028年12月（默认）'),
  c('review', '修改 实施期 2027年', 'command', { 'table.period': '2027年' }),
  // Row 5 of the composed 社区矫正 set is its cost ceiling.
  c('review', '改 5 ≤0万元', 'edit', SAME, '成本不能是 0'),
  // Several fields in one message, in the middle of the conversation: all filled and confirmed, earlier answers kept.
  c('period', '期限2027年全年，金额改成45万，实施单位是区司法局', 'paragraph', {
    'table.period': '2027年1月至2027年12月', 'table.amounts.annual.total': 45, 'table.implementer': '区司法局',
    'table.department': BASIC.department, 'table.projectName': BASIC.name, 'table.fundUse': BASIC.purpose, editing: undefined, step: 'review',
  }, '已更新 3 项'),
  c('period', '2028年全年，实施单位是区社区矫正中心', 'paragraph', { 'table.period': '2028年1月至2028年12月', 'table.implementer': '区社区矫正中心', editing: undefined }, '项目实施期：2028年1月至2028年12月'),
  c('period', '期限2027年1月至2028年12月，金额实施期40万，年度20万', 'paragraph', {
    'table.period': '2027年1月至2028年12月', 'table.amounts.period.total': 40, 'table.amounts.annual.total': 20,
  }, '实施期 40万元'),
  c('period', '实施单位是张三，金额改成30万', 'paragraph', { 'table.amounts.annual.total': 30, 'table.implementer': undefined, 'pending.value': '张三', editing: 'period' }),
  c('period', '金额改成0，实施单位是区司法局', 'paragraph', { 'table.amounts.annual.total': 20, 'table.implementer': '区司法局' }, '金额没有填上'),
  c('amount', '45万，实施单位是区司法局', 'paragraph', { 'table.amounts.annual.total': 45, 'table.implementer': '区司法局', step: 'fundUse' }),
  c('department', '大连高新区司法局，金额20万，用途是用于社区矫正对象教育帮扶、心理矫治', 'paragraph', {
    'table.department': '大连高新区司法局', 'table.amounts.annual.total': 20, 'table.fundUse': '用于社区矫正对象教育帮扶、心理矫治', step: 'indicators',
  }),
  c('fundUse', '用于社区矫正对象教育帮扶和心理矫治，期限2027年全年，实施单位是区司法局', 'paragraph', {
    'table.fundUse': '用于社区矫正对象教育帮扶和心理矫治', 'table.implementer': '区司法局', 'table.amounts.annual.total': 20, step: 'indicators',
  }),
  c('indicators', '期限2027年全年，金额改成30万', 'paragraph', { 'table.amounts.annual.total': 30, 'table.period': '2027年1月至2027年12月', step: 'indicators' }),
  c('review', '把金额改成40万，主管部门改成大连市司法局', 'paragraph', { 'table.amounts.annual.total': 40, 'table.department': '大连市司法局', step: 'review' }, '原为 年度 20万元'),
  c('review', '主管部门：大连市司法局，金额：30万元', 'paragraph', { 'table.department': '大连市司法局', 'table.amounts.annual.total': 30 }),
  c('review', '项目名称改为社区矫正专项经费，实施单位是区社区矫正中心，谢谢', 'paragraph', {
    'table.projectName': '社区矫正专项经费', 'table.implementer': '区社区矫正中心', 'table.department': BASIC.department,
  }, '已更新 2 项'),
  c('done', '金额改成40万，实施单位是区司法局', 'paragraph', { 'table.amounts.annual.total': 40, 'table.implementer': '区司法局', drafts: 1 }),
];

/** The setup messages that bring a fresh user to a step. */
const SETUP: Record<At, string[]> = {
  fresh: [],
  name: ['新建'],
  department: [BASIC.name],
  amount: [BASIC.name, BASIC.department],
  fundUse: [BASIC.name, BASIC.department, BASIC.amount],
  indicators: [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose],
  review: [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '全部采用'],
  period: [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '全部采用', '修改 实施期'],
  done: [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '全部采用', '生成'],
};

/** The field each step's question is about, as the engine reads a message there. */
const ASKED: Partial<Record<At, EditField>> = { name: 'projectName', department: 'department', amount: 'amounts', fundUse: 'fundUse', period: 'period' };

export interface Outcome {
  ok: boolean;
  problems: string[];
}

function path(obj: unknown, p: string): unknown {
  return p.split('.').reduce<unknown>((o, k) => (o == null ? undefined : k === 'length' && Array.isArray(o) ? o.length : (o as Record<string, unknown>)[k]), obj);
}

/** Runs every case on one engine (a user per case); returns one outcome per case. */
export async function runCorpus(cases: Case[] = CORPUS): Promise<Outcome[]> {
  const { dir, cleanup } = tempDir('corpus-');
  const store = new LowdbDraftStore({ dataDir: dir, log: () => undefined });
  const engine = await createEngine({ dataDir: dir, store, now: NOW, log: () => undefined });
  try {
    const out: Outcome[] = [];
    for (const [n, k] of cases.entries()) out.push(await runCase(engine, store, k, `corpus:${n}`));
    return out;
  } finally {
    await engine.close();
    cleanup();
  }
}

async function snapshot(store: LowdbDraftStore, key: string): Promise<{ profile: Profile; draft?: DraftRecord; drafts: number }> {
  const profile = await store.getProfile(key);
  const drafts = await store.list(key);
  const draft = drafts.find((d) => d.id === profile.current) ?? (profile.current ? undefined : drafts.find((d) => d.status === 'done'));
  return { profile, draft: profile.current ? draft : undefined, drafts: drafts.length };
}

async function runCase(engine: Awaited<ReturnType<typeof createEngine>>, store: LowdbDraftStore, k: Case, key: string): Promise<Outcome> {
  const u = new User(engine, key);
  for (const m of SETUP[k.at]) await u.say(m);
  const before = await snapshot(store, key);
  const problems: string[] = [];
  const kind = messageKind(k.text, 'local', ASKED[k.at]);
  if (kind !== k.kind) problems.push(`taken for ${kind}, expected ${k.kind}`);
  await u.say(k.text);
  const after = await snapshot(store, key);
  if (k.says && !u.text().includes(k.says)) problems.push(`reply lacks 「${k.says}」: ${u.text().slice(0, 200)}`);
  if (/抱歉，处理这条消息时出错了/.test(u.text())) problems.push('the turn failed');
  for (const [p, want] of Object.entries(k.expect ?? {})) {
    let got: unknown;
    if (p === 'drafts') got = after.drafts;
    else if (p === 'more') got = (after.draft?.table.indicators.length ?? 0) - (before.draft?.table.indicators.length ?? 0);
    else if (p === 'same') got = JSON.stringify(after.draft?.table) === JSON.stringify(before.draft?.table);
    else if (p === 'current') got = after.profile.current;
    else if (p.startsWith('profile.')) got = path(after.profile, p.slice(8));
    else got = path(after.draft, p);
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${p}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  return { ok: problems.length === 0, problems };
}
