/**
 * Terminal chat: the same engine, choices as a numbered menu, files written to `./out/`.
 * Works with stdin piped from a file (`npm start < answers.txt`) and ends at end of input.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MAX_IMPORT_FILE_BYTES } from '../../domain/importedFile.ts';
import { REFUSALS } from '../../import/refusals.ts';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Choice, Engine, Input, Reply } from '../../dialog/types.ts';
import type { RunningChannel, StartChannel } from '../types.ts';
import { cleanReply, cleanText } from '../sanitize.ts';
import { consoleText, menuText } from './format.ts';

export const CONSOLE_USER = 'console:local';
/** A line with only this starts and ends a multi-line message (for paste mode). */
export const BLOCK_FENCE = '"""';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Where file replies go; `./out/` by default. */
  outDir?: string;
  userKey?: string;
  /** Print each input line back (useful when stdin is a file). */
  echo?: boolean;
}

export interface ConsoleChannel extends RunningChannel {
  /** Resolves when the input has ended and the last turn is answered. */
  finished: Promise<void>;
}

/** Maps a typed line to an Input: a menu number picks the pending choice. */
export function toInput(line: string, pending: Choice[]): Input {
  const n = /^\s*(\d{1,2})\s*$/.exec(line);
  const picked = n ? pending[Number(n[1]) - 1] : undefined;
  if (picked) return { type: 'choice', id: picked.id };
  const byLabel = pending.find((c) => c.label === line.trim());
  if (byLabel) return { type: 'choice', id: byLabel.id };
  return { type: 'text', text: line };
}

export function runConsole(engine: Engine, options: ConsoleOptions): ConsoleChannel {
  const outDir = resolve(options.outDir ?? 'out');
  const userKey = options.userKey ?? CONSOLE_USER;
  const print = (text: string): void => void options.output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  let pending: Choice[] = [];
  let stopped = false;

  async function show(replies: Reply[]): Promise<void> {
    for (const raw of replies) {
      // The terminal obeys escape sequences: nothing a user typed may reach it as one.
      const r = cleanReply(raw);
      if (r.type === 'file') {
        await mkdir(outDir, { recursive: true });
        const path = join(outDir, r.name);
        await writeFile(path, r.bytes);
        print(`[文件] 已保存：${path}`);
        continue;
      }
      print(consoleText(r.text));
      if (r.type === 'choices') {
        pending = r.choices;
        print(menuText(r.choices));
      }
    }
    print('');
  }

  async function loop(): Promise<void> {
    // Taken before the first await: lines read meanwhile would otherwise be lost (piped input).
    const lines = rl[Symbol.asyncIterator]();
    // The greeting and the first question at once, as Telegram's /start: nothing waits for a first line.
    await turn({ type: 'text', text: '/start' }, '/start', false);
    print(`（终端版：多行内容请用单独一行 ${BLOCK_FENCE} 包起来；输入「帮助」查看指令。）\n`);
    let block: string[] | undefined;
    for await (const raw of { [Symbol.asyncIterator]: () => lines }) {
      if (stopped) break;
      const line = raw.replace(/\r$/, '');
      if (line.trim() === BLOCK_FENCE) {
        if (!block) {
          block = [];
          continue;
        }
        const text = block.join('\n');
        block = undefined;
        await turn({ type: 'text', text }, `${BLOCK_FENCE}…${BLOCK_FENCE}`);
        continue;
      }
      if (block) {
        block.push(line);
        continue;
      }
      if (!line.trim()) continue;
      const file = /^导入\s+(\S.*)$/.exec(line.trim());
      if (file) await importPath(file[1]!.replace(/^["']|["']$/g, ''), line);
      else await turn(toInput(line, pending), line);
    }
    if (block?.length) await turn({ type: 'text', text: block.join('\n') }, BLOCK_FENCE);
  }

  /** `导入 <path>`: the terminal's way to send a file; a file too large is not even read. */
  async function importPath(path: string, typed: string): Promise<void> {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      if (options.echo) print(`> ${cleanText(typed)}`);
      return print(`找不到文件：${cleanText(path)}\n`);
    }
    if (size > MAX_IMPORT_FILE_BYTES) {
      if (options.echo) print(`> ${cleanText(typed)}`);
      return print(`${REFUSALS.tooLarge(size)}\n`);
    }
    await turn({ type: 'file', name: basename(path), bytes: await readFile(path) }, typed);
  }

  async function turn(raw: Input, typed: string, echo = options.echo): Promise<void> {
    if (echo) print(`> ${cleanText(typed)}`);
    const input = raw.type === 'text' ? { ...raw, text: cleanText(raw.text) } : raw;
    pending = [];
    // A notice before the replies (「正在生成，请稍候」) is printed at once.
    await show(await engine.handle(userKey, input, { notify: (r) => r.type !== 'file' && print(r.text) }));
  }

  const finished = loop();
  return {
    finished,
    async stop() {
      stopped = true;
      rl.close();
      await finished.catch(() => undefined);
    },
  };
}

export const startChannel: StartChannel = async (engine) =>
  runConsole(engine, { input: process.stdin, output: process.stdout, echo: !process.stdin.isTTY });
