import { cleanFileName } from '../sanitize.ts';
/** Telegram-specific texts and message shaping (limits, captions, HTML, group commands). No dialog logic here. */

/** Telegram rejects messages longer than 4096 characters (counted in UTF-16 code units). */
export const MESSAGE_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/** The command menu; the engine understands the same slash forms typed as text. */
export const COMMANDS: ReadonlyArray<{ command: string; description: string }> = [
  { command: 'new', description: '新建一张绩效目标表' },
  { command: 'show', description: '查看当前草稿' },
  { command: 'back', description: '返回上一步' },
  { command: 'skip', description: '跳过此项（选填项）' },
  { command: 'edit', description: '修改某个字段' },
  { command: 'template', description: '指标：按关键词查找模板指标' },
  { command: 'done', description: '生成 Word 文件' },
  { command: 'drafts', description: '草稿列表与切换' },
  { command: 'layout', description: '选择版式' },
  { command: 'cancel', description: '取消：放弃当前草稿（先确认）' },
  { command: 'help', description: '帮助' },
];

export const MSG_ERROR = '出错了，请重试';
export const MSG_NOT_ALLOWED = '抱歉，您暂无使用此机器人的权限。如需开通，请联系管理员。';
/** The refusal with the user's id, which the operator adds to TELEGRAM_ALLOWED_USERS. */
export const notAllowedText = (userId: number): string => `${MSG_NOT_ALLOWED}\n您的用户 ID：${userId}（请把它告诉管理员）`;
export const MSG_UNSUPPORTED_MESSAGE = '暂不支持此类消息，请发送文字，或发送 .json 草稿文件。';
export const MSG_CHOOSE = '请选择：';

/**
 * Splits `text` into pieces of at most `limit` UTF-16 units, breaking at line ends where possible
 * (a newline at a break is dropped). Lines longer than the limit are cut without splitting a
 * surrogate pair. Whitespace-only pieces are dropped because Telegram refuses empty messages.
 */
export function splitText(text: string, limit = MESSAGE_LIMIT): string[] {
  if (limit < 2) throw new RangeError('limit too small');
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      let cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep surrogate pairs whole
      current = rest.slice(0, cut);
      flush();
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return pieces;
}

/** Cuts a caption to Telegram's limit at a line end when possible. */
export function fitCaption(caption: string | undefined): string | undefined {
  if (caption === undefined || caption.trim() === '') return undefined;
  if (caption.length <= CAPTION_LIMIT) return caption;
  const head = caption.slice(0, CAPTION_LIMIT - 1);
  const lineEnd = head.lastIndexOf('\n');
  return `${lineEnd > CAPTION_LIMIT / 2 ? head.slice(0, lineEnd) : head}…`;
}

/**
 * Normalises a command addressed to a bot in a group (`/new@my_bot 项目`) to `/new 项目`.
 * Returns `undefined` when the command is addressed to another bot.
 */
export function normaliseCommand(text: string, botUsername: string | undefined): string | undefined {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?=\s|$)/.exec(text);
  if (!m) return text;
  const target = m[2];
  if (target !== undefined) {
    if (!botUsername || target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
    return `/${m[1]}${text.slice(m[0].length)}`;
  }
  return text;
}

/**
 * telegraf writes the filename raw into a multipart header (`filename="…"`): quotes, backslashes
 * and line breaks there would corrupt the upload, so they are replaced.
 */
export function safeFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = cleanFileName(name, 'document').replace(/[\u0000-\u001f\u007f"\\/]/g, '_').trim();
  return cleaned === '' ? 'document' : cleaned;
}

export const MSG_GROUP_HINT = '想让我处理这条消息，请直接回复我的消息，或发送 /new 等命令。';

/** Telegram's HTML parse mode needs `<`, `>` and `&` escaped in every user string, nothing else. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A heading line of the engine's text: 【产出指标】, or a label alone such as 草稿摘要： / 需要修改：. */
const HEADING = /^(?:【[^】\n]{1,20}】|[^\s：:，。？！]{1,12}[：:])$/;

/**
 * The engine's plain text as Telegram HTML: everything escaped, heading lines bold. Tags open and
 * close on one line, so any split at line ends stays balanced.
 */
export function toHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => (HEADING.test(line.trim()) ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line)))
    .join('\n');
}

/** Pieces of HTML under the message limit, each built from whole lines of the plain text. */
export function htmlPieces(text: string, limit = MESSAGE_LIMIT): string[] {
  return splitText(text, limit).flatMap((piece) => {
    const html = toHtml(piece);
    // Escaping lengthens the text (`&` is five characters as `&amp;`): split such a piece finer.
    return html.length <= limit ? [html] : splitText(piece, Math.floor(limit / 5)).map(toHtml);
  });
}
