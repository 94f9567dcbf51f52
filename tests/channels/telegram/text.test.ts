/** Pure helpers of the Telegram adapter: splitting, captions, keyboards, group commands, config. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/channels/telegram/config.ts';
import { describeError } from '../../../src/channels/telegram/retry.ts';
import { keyboardRows } from '../../../src/channels/telegram/keyboards.ts';
import { fitCaption, htmlPieces, normaliseCommand, safeFilename, splitText, toHtml } from '../../../src/channels/telegram/text.ts';
import { htmlProblems, visibleText } from './htmlRules.ts';

describe('toHtml', () => {
  it('escapes <, > and & in every user string, keeps *_[ as typed, and bolds heading lines', () => {
    const text = '草稿摘要：\n项目名称：<b>A&B</b> *_[x](y)\n【产出指标】\n 数量指标\n  1. 培训<次数>：≥12次';
    const html = toHtml(text);
    expect(html).toBe('<b>草稿摘要：</b>\n项目名称：&lt;b&gt;A&amp;B&lt;/b&gt; *_[x](y)\n<b>【产出指标】</b>\n 数量指标\n  1. 培训&lt;次数&gt;：≥12次');
    expect(htmlProblems(html)).toEqual([]);
    expect(visibleText(html)).toBe(text);
  });

  it('splits into valid pieces under 4096 characters even when escaping lengthens the text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('&'), fc.constant('<'), fc.constant('需要修改：'), fc.constant('\n'), fc.string({ maxLength: 20 })), { maxLength: 900 }), (parts) => {
        const text = parts.join('');
        const pieces = htmlPieces(text);
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(4096);
          expect(htmlProblems(p)).toEqual([]);
        }
      }),
    );
    expect(htmlPieces('&'.repeat(5000)).every((p) => p.length <= 4096)).toBe(true);
  });
});

describe('splitText', () => {
  it('keeps short text whole and drops whitespace-only text', () => {
    expect(splitText('你好\n世界')).toEqual(['你好\n世界']);
    expect(splitText(' \n \n')).toEqual([]);
  });

  it('breaks at line ends, and cuts an over-long line without splitting a surrogate pair', () => {
    expect(splitText('aaaa\nbbbb\ncc', 9)).toEqual(['aaaa\nbbbb', 'cc']);
    const pieces = splitText('😀'.repeat(10), 5);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(5);
      expect(p).toBe([...p].join('')); // well-formed
      expect(/[\ud800-\udbff]$/.test(p)).toBe(false);
    }
    expect(pieces.join('')).toBe('😀'.repeat(10));
  });

  it('property: pieces fit the limit, keep order and content, and break at newlines when lines fit', () => {
    const line = fc.string({ unit: fc.constantFrom('a', '中', ' ', '*', '_', '[', '😀'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.integer({ min: 8, max: 60 }), (lines, limit) => {
        const text = lines.join('\n');
        const pieces = splitText(text, limit);
        for (const p of pieces) {
          expect(p.length).toBeLessThanOrEqual(limit);
          expect(p.trim()).not.toBe('');
        }
        // Nothing but newlines and whitespace-only pieces may be lost.
        const squash = (s: string) => s.replace(/\s/g, '');
        expect(squash(pieces.join(''))).toBe(squash(text));
        // When every line fits, no line is ever cut in two.
        if (lines.every((l) => l.length <= limit)) {
          for (const p of pieces) for (const l of p.split('\n')) expect(lines).toContain(l);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('captions, filenames, keyboards, commands', () => {
  it('fits a caption into 1024 characters', () => {
    expect(fitCaption(undefined)).toBeUndefined();
    expect(fitCaption('  ')).toBeUndefined();
    expect(fitCaption('项目甲\n无问题')).toBe('项目甲\n无问题');
    const long = Array.from({ length: 100 }, (_, i) => `第${i}条提示：${'字'.repeat(20)}`).join('\n');
    const cut = fitCaption(long)!;
    expect(cut.length).toBeLessThanOrEqual(1024);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('cleans file names for the multipart header', () => {
    expect(safeFilename('2027_社区矫正_绩效目标表.docx')).toBe('2027_社区矫正_绩效目标表.docx');
    expect(safeFilename('a"b\\c/d\r\ne.docx')).toBe('a_b_c_d__e.docx');
    expect(safeFilename('  ')).toBe('document');
  });

  it('lays out buttons: short labels two per row, long ones alone, ids as callback_data', () => {
    expect(keyboardRows([{ id: '1.y', label: '是' }, { id: '1.n', label: '否' }, { id: '1.s', label: '跳过' }])).toEqual([
      [{ text: '是', callback_data: '1.y' }, { text: '否', callback_data: '1.n' }],
      [{ text: '跳过', callback_data: '1.s' }],
    ]);
    expect(keyboardRows([{ id: 'a', label: '中共秦皇岛经济技术开发区工委政法委员会' }, { id: 'b', label: '其他' }])).toHaveLength(2);
  });

  it('normalises group commands addressed to this bot and ignores those for other bots', () => {
    expect(normaliseCommand('/new@Perf_Bot 项目', 'perf_bot')).toBe('/new 项目');
    expect(normaliseCommand('/new@other_bot', 'perf_bot')).toBeUndefined();
    expect(normaliseCommand('/done', 'perf_bot')).toBe('/done');
    expect(normaliseCommand('普通文字 /new@x', 'perf_bot')).toBe('普通文字 /new@x');
  });
});

describe('config', () => {
  it('reads every setting and its defaults', () => {
    const c = readConfig({ TELEGRAM_BOT_TOKEN: ' 1:abc ', TELEGRAM_ALLOWED_USERS: '1, 2 ,3' });
    expect(c).toMatchObject({ token: '1:abc', apiRoot: 'https://api.telegram.org', webhook: undefined });
    expect([...c.allowedUsers!]).toEqual([1, 2, 3]);
    // Unset or empty: nobody until the operator lists ids; `*`: everyone.
    expect(readConfig({ TELEGRAM_BOT_TOKEN: 't' }).allowedUsers?.size).toBe(0);
    expect(readConfig({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_ALLOWED_USERS: ' ' }).allowedUsers?.size).toBe(0);
    expect(readConfig({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_ALLOWED_USERS: '*' }).allowedUsers).toBeUndefined();
    const w = readConfig({
      TELEGRAM_BOT_TOKEN: 't',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_WEBHOOK_URL: 'https://x.example/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-1',
      DATA_DIR: '/tmp/d',
    });
    expect(w.apiRoot).toBe('http://127.0.0.1:8081');
    expect(w.webhook).toEqual({ url: 'https://x.example/tg/hook', secret: 'abc_DEF-1', host: '0.0.0.0', port: 8080, path: '/tg/hook' });
  });

  it('rejects bad settings with a clear message', () => {
    expect(() => readConfig({})).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => readConfig({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_ALLOWED_USERS: 'alice' })).toThrow(/TELEGRAM_ALLOWED_USERS/);
    expect(() => readConfig({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_WEBHOOK_URL: 'https://x/h', TELEGRAM_WEBHOOK_SECRET: 'has space' })).toThrow(/SECRET/);
    expect(() => readConfig({ TELEGRAM_BOT_TOKEN: 't', TELEGRAM_WEBHOOK_URL: 'https://x/h', TELEGRAM_WEBHOOK_SECRET: 's', TELEGRAM_WEBHOOK_PORT: '99999' })).toThrow(/PORT/);
  });

  it('log lines never carry the token', () => {
    const token = '123:ABC-def_ghi';
    expect(describeError(new Error(`request to https://api.telegram.org/bot${token}/getMe failed`), token)).not.toContain('ABC-def_ghi');
    expect(describeError(new Error('GET /bot999:XYZ_secret/sendMessage'))).not.toContain('XYZ_secret');
  });
});
