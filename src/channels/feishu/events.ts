/** Pure mapping between Feishu payloads and the engine's Input / Reply. No I/O here. */

export interface UserIds {
  open_id?: string;
  user_id?: string;
  union_id?: string;
}

export interface Mention {
  key: string;
  id: UserIds;
  name: string;
}

/** The parts of an `im.message.receive_v1` event (after the SDK merged header and event) we use. */
export interface MessageEvent {
  event_id?: string;
  tenant_key?: string;
  sender: { sender_id?: UserIds; sender_type: string; tenant_key?: string };
  message: {
    message_id: string;
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
    mentions?: Mention[];
  };
}

/** The parts of a `card.action.trigger` callback we use. */
export interface CardActionEvent {
  event_id?: string;
  tenant_key?: string;
  operator?: UserIds & { tenant_key?: string };
  /** `form_value`: a form's inputs by name, on the submit of a form container. */
  action?: { value?: unknown; tag?: string; name?: string; form_value?: Record<string, unknown> };
  context?: { open_message_id?: string; open_chat_id?: string };
}

export type MessageIntent =
  | { kind: 'text'; text: string }
  | { kind: 'file'; fileKey: string; fileName: string }
  | { kind: 'unsupported'; messageType: string }
  /** Not for us: a group message that does not mention the bot, a bot's own message, an empty text. */
  | { kind: 'ignore'; reason: string };

export function userKeyOf(tenant: string, chatId: string, openId: string): string {
  return `feishu:${tenant || '-'}:${chatId}:${openId}`;
}

export function isAllowed(allowed: Set<string>, ids: UserIds | undefined): boolean {
  if (allowed.size === 0) return true;
  if (!ids) return false;
  return [ids.open_id, ids.user_id, ids.union_id].some((id) => id !== undefined && id !== '' && allowed.has(id));
}

function parseJson(content: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(content);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Whether a mention names the bot. Without a known bot id, any mention counts (Feishu only delivers group messages that @ the bot unless the app may read all group messages). */
function mentionsBot(m: Mention, botOpenId: string | undefined): boolean {
  return botOpenId === undefined ? true : m.id.open_id === botOpenId;
}

/** Replaces `@_user_N` placeholders: the bot's mention disappears, other people's become `@name`. */
export function stripMentions(text: string, mentions: Mention[] | undefined, botOpenId: string | undefined): string {
  let out = text;
  // Longest keys first so that `@_user_1` does not eat the prefix of `@_user_10`.
  const sorted = [...(mentions ?? [])].sort((a, b) => b.key.length - a.key.length);
  for (const m of sorted) out = out.split(m.key).join(mentionsBot(m, botOpenId) ? '' : `@${m.name}`);
  return out.replace(/[ \t\u3000]{2,}/g, ' ').trim();
}

/** Flattens a rich-text (`post`) message to plain lines. */
function postText(content: Record<string, unknown>, mentions: Mention[] | undefined, botOpenId: string | undefined): string {
  // Events carry the post either directly or under a locale key (zh_cn, en_us).
  const body = (Array.isArray(content.content) ? content : (Object.values(content).find((v) => v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).content)) ?? {})) as Record<string, unknown>;
  const lines: string[] = [];
  if (typeof body.title === 'string' && body.title.trim() !== '') lines.push(body.title);
  for (const para of Array.isArray(body.content) ? body.content : []) {
    if (!Array.isArray(para)) continue;
    let line = '';
    for (const el of para as Array<Record<string, unknown>>) {
      if ((el.tag === 'text' || el.tag === 'a' || el.tag === 'md') && typeof el.text === 'string') line += el.text;
      else if (el.tag === 'at') {
        const m = (mentions ?? []).find((x) => x.id.open_id === el.user_id || x.key === el.user_id);
        if (!(m ? mentionsBot(m, botOpenId) : el.user_id === botOpenId)) line += `@${String(el.user_name ?? m?.name ?? '')}`;
      }
    }
    lines.push(line.trim());
  }
  return stripMentions(lines.join('\n'), mentions, botOpenId);
}

export function messageIntent(ev: MessageEvent, botOpenId: string | undefined): MessageIntent {
  if (ev.sender.sender_type !== 'user') return { kind: 'ignore', reason: `sender_type ${ev.sender.sender_type}` };
  const msg = ev.message;
  if (msg.chat_type !== 'p2p') {
    const addressed = (msg.mentions ?? []).some((m) => mentionsBot(m, botOpenId));
    if (!addressed) return { kind: 'ignore', reason: 'group message without a mention of the bot' };
  }
  const content = parseJson(msg.content);
  switch (msg.message_type) {
    case 'text': {
      const text = stripMentions(typeof content.text === 'string' ? content.text : '', msg.mentions, botOpenId);
      // A bare "@bot" in a group is still a request for attention: treat it as asking for help.
      return { kind: 'text', text: text === '' ? '帮助' : text };
    }
    case 'post': {
      const text = postText(content, msg.mentions, botOpenId);
      return text === '' ? { kind: 'ignore', reason: 'empty post' } : { kind: 'text', text };
    }
    case 'file': {
      const fileKey = typeof content.file_key === 'string' ? content.file_key : '';
      if (fileKey === '') return { kind: 'unsupported', messageType: 'file' };
      return { kind: 'file', fileKey, fileName: typeof content.file_name === 'string' ? content.file_name : 'file' };
    }
    default:
      return { kind: 'unsupported', messageType: msg.message_type };
  }
}

export const UNSUPPORTED_TEXT =
  '抱歉，我只能处理文字消息和 .json 草稿文件。请直接输入文字回复，或发送“帮助”查看用法。';
export const NOT_ALLOWED_TEXT = '抱歉，您暂无使用本助手的权限，请联系管理员开通。';
export const NOT_YOUR_CARD_TEXT = '这张卡片属于其他同事的对话，请在与我的对话中自己操作。';
export const FAILED_TEXT = '抱歉，处理您的消息时出错了，请稍后再试。';
export const FILE_DOWNLOAD_FAILED_TEXT = '抱歉，文件没能下载下来，请稍后重新发送。';
/** A file that could not be sent (one without a delivery receipt: the engine answers those itself). */
export const FILE_SEND_FAILED_TEXT = '抱歉，文件发送失败，请稍后再发送一次「生成」。';
