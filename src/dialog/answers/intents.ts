/**
 * What a message is, read before it may fill a field: a confirmation, a refusal or thanks, a
 * greeting, a question about the tool, or an answer. Commands and pastes are recognised by their
 * own parsers (drafts/commands.ts, paste.ts); this table holds the short replies people type instead of an
 * answer, so that none of them ever becomes a project name, a department or a profile default.
 */
import { normalizeText } from './parse.ts';

export type Intent = 'confirm' | 'refuse' | 'thanks' | 'greeting' | 'question' | 'answer';

/** A message that edits the indicator list (加/删/改 <n> …, 第4条改成…), whatever step the draft is at. */
export function isIndicatorEdit(input: string): boolean {
  return /^(?:再?(?:加|添加|增加|新增|补充)|删|删除|删掉|去掉|改\s*\d|第\s*\d+\s*条)/.test(normalizeText(input));
}

/** The synonyms, as data: each phrase is matched whole, after trimming punctuation and 啊/吧/了 tails. */
export const PHRASES: Record<Exclude<Intent, 'answer' | 'question'>, readonly string[]> = {
  confirm: [
    '好', '好的', '好吧', '好嘞', '好滴', '嗯', '嗯嗯', '可以', '可以的', '行', '行的', '确认', '确定', '没问题', '就这样', '就这些',
    'ok', 'okay', 'yes', 'y', '是', '是的', '对', '对的', '同意', '全部采纳', '全部采用', '都要', '都行', '采纳', '采用', '全部', '全要',
    '下一步', '继续下一步', '接着', '然后呢', '可以了', '没意见', '没有问题', '就用这些', '用这些', '按这个来', '照这个', '👍', '收到',
  ],
  refuse: ['不用了', '不用', '不要', '不需要', '算了', '先不用', '暂时不用', '不了', '没有了', '没了', '不做了', '不', 'no', '不是'],
  thanks: ['谢谢', '谢谢你', '谢谢您', '多谢', '感谢', '辛苦了', 'thanks', 'thank you', 'thx', '好的谢谢', '不用了谢谢', '好的，谢谢', '拜拜', '再见'],
  greeting: ['你好', '您好', 'hi', 'hello', 'hey', '在吗', '嗨', '哈喽', '早上好', '下午好', '晚上好', '在不在'],
};

/** Words that make a short message a question about the tool or the form, not an answer. */
const QUESTION = /[?？][。.!！~～\s]*$|^(?:请问|问一下|怎么|如何|为什么|为啥|什么是|能不能|可不可以|是不是|要不要|需不需要|有没有)|(?:什么时候|怎么办|怎么填|怎么写|是什么|吗|呢)[。.!！~～]*$/;

const TAIL = /[\s。.!！~～,，、;；…]+$|(?:啊|呀|吧|啦|了|哈|哦|喔)+$/g;

/** The message as compared with the table: half width, lower case, without trailing particles. */
function key(text: string): string {
  let t = normalizeText(text).toLowerCase();
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(TAIL, '').trim();
  }
  return t;
}

const LOOKUP = new Map<string, Intent>();
for (const [intent, phrases] of Object.entries(PHRASES) as Array<[Intent, readonly string[]]>) {
  for (const p of phrases) LOOKUP.set(key(p), intent);
}

/** A reply made of table phrases only (「不用了，谢谢」, 「好的，没问题」) takes the first one's intent. */
export function intentOf(text: string): Intent {
  const whole = key(text);
  if (!whole) return 'answer';
  const direct = LOOKUP.get(whole);
  if (direct) return direct;
  const parts = whole.split(/[\s,，、。.!！;；]+/).map(key).filter(Boolean);
  if (parts.length > 1 && parts.length <= 4 && parts.every((p) => LOOKUP.has(p))) {
    const intents = parts.map((p) => LOOKUP.get(p)!);
    // 「好的，谢谢」 closes the conversation; 「好，下一步」 goes on.
    if (intents.includes('refuse')) return 'refuse';
    if (intents.includes('thanks')) return 'thanks';
    return intents[0]!;
  }
  if (whole.length <= 40 && QUESTION.test(normalizeText(text))) return 'question';
  return 'answer';
}

export { looksLikeUnit } from './units.ts';
