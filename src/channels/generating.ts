/**
 * A message or button that builds a file (生成, /done, 重新发送, 生成全部): the channel shows at once
 * that it is working — Telegram's upload indicator, Feishu's notice card.
 */
export const GENERATE_RE = /^(?:\/done(?:\s|$)|生成|重新发送|全部生成)/;
