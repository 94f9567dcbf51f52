import { describe, expect, it } from 'vitest';
import { readDraftFile } from '../../src/domain/draftFile.ts';

const TABLE = { projectName: '社区矫正工作经费', department: '某区司法局', indicators: [] };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readDraftFile', () => {
  it('reads a table from text or bytes, with or without a UTF-8 BOM', () => {
    for (const input of [JSON.stringify(TABLE), `\uFEFF${JSON.stringify(TABLE)}`, bytes(`\uFEFF${JSON.stringify(TABLE)}`)]) {
      const r = readDraftFile(input);
      expect(r.ok && r.table.projectName).toBe('社区矫正工作经费');
    }
  });

  it('reads the table inside a { table } wrapper (a stored draft record)', () => {
    const r = readDraftFile(JSON.stringify({ id: 'd1', status: 'active', table: TABLE }));
    expect(r.ok && r.table.department).toBe('某区司法局');
  });

  it('a top-level table that happens to have a field named table is still the table itself', () => {
    const r = readDraftFile(JSON.stringify({ ...TABLE, table: { projectName: '别的' } }));
    expect(r.ok && r.table.projectName).toBe('社区矫正工作经费');
  });

  it.each([
    ['', '不是有效的 JSON', '文件是空的'],
    ['{"projectName": ', '不是有效的 JSON', '内容不完整'],
    ['{"projectName": x}', '不是有效的 JSON', '出现了不该有的「x」'],
    ['{"a": 1,\n  oops}', '不是有效的 JSON', '第 2 行第 3 列附近有语法错误'],
    ['[1,2]', '不是绩效目标表草稿', '应为 JSON 对象'],
    ['"text"', '不是绩效目标表草稿', '应为 JSON 对象'],
    ['{"name":"x","version":"1.0.0"}', '不是绩效目标表草稿', '没有项目名称、金额、指标等任何字段'],
    ['{"table": 3}', '不是绩效目标表草稿', '没有项目名称'],
    ['{"projectName": 42}', '不是绩效目标表草稿', '字段 projectName：应为文字'],
    ['{"indicators": [{"level1": "产出指标"}]}', '不是绩效目标表草稿', '字段 indicators.0.'],
    ['{"table": {"amounts": {"unit": "美元"}}}', '不是绩效目标表草稿', '字段 amounts.unit：应为 万元 或 元'],
  ])('refuses %j with a Chinese reason', (input, title, detail) => {
    const r = readDraftFile(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.title).toBe(title);
    expect(r.detail).toContain(detail);
    expect(r.message).toBe(`${r.title}（${r.detail}）`);
    // No English parser or schema text reaches the user.
    expect(r.message).not.toMatch(/unexpected|expected|invalid|received|position/i);
  });
});
