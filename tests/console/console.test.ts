import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/library/load.ts';
import { runConsole, toInput } from '../../src/channels/console/index.ts';
import { columns, consoleText } from '../../src/channels/console/format.ts';
import { INDICATOR_HELP } from '../../src/dialog/indicators/indicators.ts';
import { chooseChannels, loadChannel } from '../../src/cli/commands/start.ts';
import { BASIC, docxText, newEngine, tempDir } from '../dialog/helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('console-');
});
afterEach(() => dir.cleanup());

describe('console channel', () => {
  it('maps a menu number or a label to the pending choice, anything else to text', () => {
    const pending = [
      { id: '4.gen', label: '生成' },
      { id: '4.edit', label: '修改' },
    ];
    expect(toInput('2', pending)).toEqual({ type: 'choice', id: '4.edit' });
    expect(toInput(' 1 ', pending)).toEqual({ type: 'choice', id: '4.gen' });
    expect(toInput('生成', pending)).toEqual({ type: 'choice', id: '4.gen' });
    expect(toInput('3', pending)).toEqual({ type: 'text', text: '3' });
    expect(toInput('1,3', pending)).toEqual({ type: 'text', text: '1,3' });
  });

  it('greets and asks the project name before the first line is typed; lines piped meanwhile are kept', async () => {
    const engine = await newEngine(join(dir.dir, 'data'));
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString()));
    const channel = runConsole(engine, { input, output, outDir: join(dir.dir, 'out') });
    // Written at once, while the greeting turn is still running.
    input.end(`${BASIC.name}\n`);
    await channel.finished;
    await engine.close();
    const greeting = printed.indexOf('您好！我是绩效目标表助手');
    expect(greeting).toBe(0);
    expect(printed.indexOf('请告诉我项目名称')).toBeGreaterThan(greeting);
    expect(printed).toContain('  1) 导入去年的表');
    expect(printed).toContain('主管部门是哪个单位');
  });

  it('breaks a long list of commands into one per line and keeps short lines as they are', () => {
    const text = `框架要求的类别都齐了。\n${INDICATOR_HELP}`;
    const shown = consoleText(text).split('\n');
    expect(shown[0]).toBe('框架要求的类别都齐了。');
    expect(shown[1]).toBe('可回复：');
    expect(shown).toContain('  · 全部采用');
    expect(shown).toContain('  · 删除「删 4」');
    expect(shown.slice(2).every((l) => l.startsWith('  · ') && columns(l) <= 80)).toBe(true);
    expect(consoleText('金额：年度 20万元。')).toBe('金额：年度 20万元。');
    expect(columns('ab社区')).toBe(6);
  });

  it('shows numbered menus, takes a fenced multi-line paste, writes the file to the out dir', async () => {
    const engine = await newEngine(join(dir.dir, 'data'));
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => (printed += c.toString()));
    const outDir = join(dir.dir, 'out');
    const channel = runConsole(engine, { input, output, outDir });
    input.end(
      [
        '"""',
        `项目名称：${BASIC.name}`,
        `主管部门：${BASIC.department}`,
        '金额：20万元',
        `资金用途：${BASIC.purpose}`,
        '"""',
        '1', // 全部采用
        '1', // 生成
        '',
      ].join('\n'),
    );
    await channel.finished;
    await engine.close();
    expect(printed).toContain('  1) 全部采用');
    expect(printed).toContain('  1) 生成');
    const files = readdirSync(outDir);
    expect(files).toEqual(['2027_社区矫正工作经费_绩效目标表.docx']);
    expect(printed).toContain(`已保存：${join(outDir, files[0]!)}`);
    expect(await docxText(readFileSync(join(outDir, files[0]!)))).toContain(BASIC.purpose);
  });
});

describe('npm start', () => {
  it('chooses Telegram, Feishu, both, or the console from the environment', () => {
    expect(chooseChannels({})).toEqual(['console']);
    expect(chooseChannels({ TELEGRAM_BOT_TOKEN: '1:x' })).toEqual(['telegram']);
    expect(chooseChannels({ FEISHU_APP_ID: 'a' })).toEqual(['console']);
    expect(chooseChannels({ FEISHU_APP_ID: 'a', FEISHU_APP_SECRET: 's' })).toEqual(['feishu']);
    expect(chooseChannels({ TELEGRAM_BOT_TOKEN: '1:x', FEISHU_APP_ID: 'a', FEISHU_APP_SECRET: 's' })).toEqual(['telegram', 'feishu']);
  });

  it('loads channel modules by name; a missing one is a clear error', async () => {
    expect(typeof (await loadChannel('console'))).toBe('function');
    await expect(loadChannel('telegram', dir.dir)).rejects.toThrow(/渠道模块不存在：.*telegram/);
    const bad = join(dir.dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'index.ts'), 'export const other = 1;\n');
    await expect(loadChannel('bad', dir.dir)).rejects.toThrow(/没有导出 startChannel/);
  });

  it('with stdin piped from a file, produces a DOCX in ./out/ and exits at end of input', async () => {
    const answers = join(dir.dir, 'answers.txt');
    writeFileSync(answers, [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '1', '1', ''].join('\n'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir.dir, 'data') };
    delete env.TELEGRAM_BOT_TOKEN;
    delete env.FEISHU_APP_ID;
    delete env.FEISHU_APP_SECRET;
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'perf-target.js'), 'start'], {
      cwd: dir.dir,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(readFileSync(answers));
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(code, stderr).toBe(0);
    const files = readdirSync(join(dir.dir, 'out'));
    expect(files).toEqual(['2027_社区矫正工作经费_绩效目标表.docx'.replace('2027', String(new Date().getFullYear() + 1))]);
    expect(stdout).toContain('已保存：');
    expect(stdout).toContain(files[0]);
    const text = await docxText(readFileSync(join(dir.dir, 'out', files[0]!)));
    expect(text).toContain(BASIC.name);
    expect(text).toContain(BASIC.department);
    // The draft is on disk under DATA_DIR, marked done.
    const users = readdirSync(join(dir.dir, 'data', 'users'));
    expect(users).toHaveLength(1);
    expect(readFileSync(join(dir.dir, 'data', 'users', users[0]!), 'utf8')).toContain('"status": "done"');
  });

  it('stops gracefully on SIGTERM while waiting for input', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir.dir, 'data') };
    delete env.TELEGRAM_BOT_TOKEN;
    delete env.FEISHU_APP_ID;
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'perf-target.js'), 'start'], { cwd: dir.dir, env });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((res) =>
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('终端版')) res();
      }),
    );
    child.stdin.write(`${BASIC.name}\n`);
    await new Promise<void>((res) => child.stdout.on('data', () => stdout.includes('主管部门') && res()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(code).toBe(0);
    expect(stderr).toContain('收到 SIGTERM');
    // The answer given before the signal is on disk.
    const users = readdirSync(join(dir.dir, 'data', 'users'));
    expect(readFileSync(join(dir.dir, 'data', 'users', users[0]!), 'utf8')).toContain(BASIC.name);
  });
});
