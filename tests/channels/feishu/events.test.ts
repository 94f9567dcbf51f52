/** Pure Feishu payload mapping: mentions, rich text, button values, cards. */
import { answeredCard, buttonValueOf, choicesCard } from '../../../src/channels/feishu/cards.ts';
import { buttonsOf, cardProblems, flatten } from './cardRules.ts';
import { expect, it } from 'vitest';
import {
  isAllowed,
  messageIntent,
  stripMentions,
  type MessageEvent,
} from '../../../src/channels/feishu/events.ts';

const BOT = 'ou_bot';
const at = (n: number, open_id: string, name: string) => ({ key: `@_user_${n}`, id: { open_id }, name });

function ev(message: Partial<MessageEvent['message']>, senderType = 'user'): MessageEvent {
  return {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: senderType },
    message: { message_id: 'om', chat_id: 'oc', chat_type: 'group', message_type: 'text', content: '{}', ...message },
  };
}

it('strips only the bot mention, and does not confuse @_user_1 with @_user_10', () => {
  const mentions = [at(1, 'ou_x', '甲'), at(10, BOT, '助手')];
  expect(stripMentions('@_user_10 请 @_user_1 看', mentions, BOT)).toBe('请 @甲 看');
});

it('group messages need a mention of the bot; the bot’s own messages are ignored', () => {
  const text = (t: string) => JSON.stringify({ text: t });
  expect(messageIntent(ev({ content: text('你好') }), BOT).kind).toBe('ignore');
  expect(messageIntent(ev({ content: text('@_user_1 你好'), mentions: [at(1, 'ou_x', '甲')] }), BOT).kind).toBe('ignore');
  expect(messageIntent(ev({ content: text('@_user_1 你好'), mentions: [at(1, BOT, '助手')] }), BOT)).toEqual({ kind: 'text', text: '你好' });
  // Bot id unknown (bot/v3/info failed): any mention counts, as Feishu only delivers mentions by default.
  expect(messageIntent(ev({ content: text('@_user_1 你好'), mentions: [at(1, 'ou_x', '甲')] }), undefined)).toEqual({ kind: 'text', text: '你好' });
  expect(messageIntent(ev({ chat_type: 'p2p', content: text('hi') }, 'app'), BOT).kind).toBe('ignore');
  // A bare mention asks for attention: it becomes a request for help.
  expect(messageIntent(ev({ content: text('@_user_1'), mentions: [at(1, BOT, '助手')] }), BOT)).toEqual({ kind: 'text', text: '帮助' });
});

it('reads post messages, with or without a locale wrapper, dropping the bot mention', () => {
  const body = { title: '草稿', content: [[{ tag: 'at', user_id: BOT, user_name: '助手' }, { tag: 'text', text: ' 金额：20' }], [{ tag: 'a', text: '链接', href: 'x' }]] };
  const mentions = [at(1, BOT, '助手')];
  expect(messageIntent(ev({ message_type: 'post', content: JSON.stringify(body), mentions }), BOT)).toEqual({ kind: 'text', text: '草稿\n金额：20\n链接' });
  expect(messageIntent(ev({ message_type: 'post', content: JSON.stringify({ zh_cn: body }), mentions }), BOT)).toEqual({ kind: 'text', text: '草稿\n金额：20\n链接' });
});

it('classifies files and unsupported types', () => {
  const p2p = { chat_type: 'p2p' };
  expect(messageIntent(ev({ ...p2p, message_type: 'file', content: JSON.stringify({ file_key: 'k', file_name: 'a.json' }) }), BOT)).toEqual({ kind: 'file', fileKey: 'k', fileName: 'a.json' });
  expect(messageIntent(ev({ ...p2p, message_type: 'sticker', content: '{}' }), BOT)).toEqual({ kind: 'unsupported', messageType: 'sticker' });
  expect(messageIntent(ev({ ...p2p, message_type: 'text', content: 'not json' }), BOT)).toEqual({ kind: 'text', text: '帮助' });
});

it('button values round-trip, also when a client sends them as a JSON string', () => {
  const card = choicesCard('选一个', [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }, { id: 'c', label: '丙' }, { id: 'd', label: '丁' }]);
  expect(cardProblems(card)).toEqual([]);
  const rows = flatten(card).filter((e) => e.tag === 'column_set');
  expect(rows.map((r) => (r.columns as unknown[]).length)).toEqual([3, 1]);
  const v = buttonsOf(card)[3]!.value;
  expect(buttonValueOf(v)).toEqual({ choice: 'd', label: '丁' });
  expect(buttonValueOf(JSON.stringify(v))).toEqual({ choice: 'd', label: '丁' });
  expect(buttonValueOf({ other: 1 })).toBeUndefined();
  expect(JSON.stringify(answeredCard('选一个', '丁'))).not.toContain('button');
});

it('the allow-list matches open_id, user_id or union_id; empty means everyone', () => {
  expect(isAllowed(new Set(), undefined)).toBe(true);
  expect(isAllowed(new Set(['u_1']), { open_id: 'ou_1', user_id: 'u_1' })).toBe(true);
  expect(isAllowed(new Set(['u_1']), { open_id: 'ou_2', user_id: '' })).toBe(false);
});
