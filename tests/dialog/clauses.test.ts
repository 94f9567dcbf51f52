/** Several labelled fields in one message, read at any step (src/dialog/answers/clauses.ts). */
import { describe, expect, it } from 'vitest';
import { readLabelled, readSeveral } from '../../src/dialog/answers/clauses.ts';
import { User, BASIC, freshEngineEachTest } from './helpers.ts';

describe('readLabelled', () => {
  it('reads each clause that starts with a field word, with a verb or an unmistakable value', () => {
    expect(readLabelled('期限2027年全年，金额改成45万，实施单位是区司法局')).toEqual({ period: '2027年全年', amounts: '45万', implementer: '区司法局' });
    expect(readLabelled('把金额改成40万，主管部门改成大连市司法局')).toEqual({ amounts: '40万', department: '大连市司法局' });
    expect(readLabelled('主管部门：大连高新区司法局，金额：20万元')).toEqual({ department: '大连高新区司法局', amounts: '20万元' });
  });

  it('continues a value over the clauses without a label, keeping the punctuation typed; drops a closing 谢谢', () => {
    expect(readLabelled('项目名称改为社区矫正专项经费，用途改成用于教育帮扶，开展心理矫治，谢谢')).toEqual({
      projectName: '社区矫正专项经费',
      fundUse: '用于教育帮扶，开展心理矫治',
    });
    expect(readLabelled('期限2027年1月至2028年12月，金额实施期70万，年度35万')).toEqual({ period: '2027年1月至2028年12月', amounts: '实施期70万，年度35万' });
  });

  it('gives the leading clauses to the question asked, and only then', () => {
    expect(readLabelled('2027年全年，金额45万', 'period')).toEqual({ period: '2027年全年', amounts: '45万' });
    expect(readLabelled('2027年全年，金额45万')).toBeUndefined();
  });

  it('leaves ordinary answers alone: one field, or sentences whose words only look like labels', () => {
    expect(readLabelled('金额改成40万')).toBeUndefined();
    expect(readLabelled('用于开展培训，共计3期，每期50人', 'fundUse')).toBeUndefined();
    expect(readLabelled('用于网格员培训，资金用于平台运维', 'fundUse')).toBeUndefined();
    expect(readLabelled('用于开展培训，目标是提高调解员能力', 'fundUse')).toBeUndefined();
    expect(readLabelled('用于购买设备，500元', 'fundUse')).toBeUndefined();
    expect(readLabelled('实施期100万，年度20万，财政拨款15万，其他资金5万', 'amounts')).toBeUndefined();
    expect(readLabelled('网格化服务管理工作经费，某区委政法委，35.6万，用于网格员培训')).toBeUndefined();
  });

  it('leaves a line-by-line paste to the paste reader', () => {
    expect(readSeveral('项目名称：社区矫正工作经费\n主管部门：某区司法局\n金额：20万元', 'local')).toBeUndefined();
    expect(readSeveral('主管部门：大连高新区司法局，金额：20万元', 'local')).toBeDefined();
  });
});

describe('in the conversation', () => {
  const t = freshEngineEachTest();

  it('at the period question fills all three, confirms each, keeps the rest, and 撤销 undoes the whole message', async () => {
    const u = new User(t.engine);
    for (const m of [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '全部采用', '修改 实施期']) await u.say(m);
    await u.say('期限2027年全年，金额改成45万，实施单位是区司法局');
    const text = u.text();
    expect(text).toContain('已更新 3 项：\n· 项目实施期：2027年1月至2027年12月\n· 金额：年度 45万元（原为 年度 20万元）\n· 实施单位：区司法局');
    // The amount is followed through the table and said once.
    expect(text).toContain('成本指标按新金额同比调整');
    expect(text.match(/原为 年度 20万元/g)).toHaveLength(1);
    expect(text).toContain(`项目名称：${BASIC.name}`);
    expect(text).toContain(`主管部门：${BASIC.department}`);
    expect(text).toContain('草稿摘要');
    await u.say('撤销');
    expect(u.text()).toContain('年度金额：20万元');
    expect(u.text()).toContain(`实施单位：${BASIC.department}（默认）`);
  });
});
