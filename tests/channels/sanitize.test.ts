import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/channels/console/index.ts';
import { cleanFileName, cleanReply, cleanText, neutraliseFeishuText } from '../../src/channels/sanitize.ts';
import type { Engine, Input } from '../../src/dialog/types.ts';

const ESC = '\u001b';

describe('sanitising echoed text and file names', () => {
  it('strips ANSI and OSC sequences, bidi controls and zero-width characters, keeps Chinese, line breaks and tabs', () => {
    expect(cleanText(`${ESC}[31m红色${ESC}[0m`)).toBe('红色');
    expect(cleanText(`${ESC}]0;标题\u0007正文`)).toBe('正文');
    expect(cleanText(`${ESC}]8;;https://evil.example${ESC}\\链接${ESC}]8;;${ESC}\\`)).toBe('链接');
    expect(cleanText(`清屏${ESC}[2J${ESC}[H`)).toBe('清屏');
    expect(cleanText('项目\u202Excod.exe')).toBe('项目xcod.exe');
    expect(cleanText('名\u200b称\u2066\u2069\ufeff')).toBe('名称');
    expect(cleanText('第一行\n第二行\t制表')).toBe('第一行\n第二行\t制表');
    expect(cleanText('\u009b31m八位')).toBe('八位');
  });

  it('file names lose bidi overrides, separators and controls', () => {
    expect(cleanFileName('网格化经费\u202Excod.exe')).toBe('网格化经费xcod.exe');
    expect(cleanFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanFileName('\u200b\u202e')).toBe('file');
    expect(cleanReply({ type: 'file', name: 'a\u202Eb.docx', mime: 'x', bytes: new Uint8Array(1), caption: `${ESC}[1m说明` })).toMatchObject({ name: 'ab.docx', caption: '说明' });
  });

  it('neutralises Feishu text markup: <at user_id="all"> cannot notify anyone', () => {
    expect(neutraliseFeishuText('<at user_id="all">所有人</at>')).toBe('＜at user_id="all">所有人＜/at>');
    expect(neutraliseFeishuText('< at id=1>')).toBe('＜ at id=1>');
    expect(neutraliseFeishuText('金额 < 5 万元')).toBe('金额 < 5 万元');
  });

  it('the terminal never echoes an escape sequence, whether typed or repeated by the engine', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (b: Buffer) => (printed += b.toString()));
    const seen: Input[] = [];
    const engine: Engine = {
      async handle(_u, i) {
        seen.push(i);
        return [{ type: 'text', text: `已记录：${i.type === 'text' ? i.text : ''}` }];
      },
    };
    const ch = runConsole(engine, { input, output, echo: true, outDir: '/tmp/never-written' });
    input.end(`${ESC}]0;pwned\u0007${ESC}[2J项目\u202E名\n`);
    await ch.finished;
    expect(printed).not.toContain(ESC);
    expect(printed).not.toContain('\u202E');
    expect(printed).toContain('已记录：项目名');
    expect(seen.at(-1)).toEqual({ type: 'text', text: '项目名' });
  });
});
