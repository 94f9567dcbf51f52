/** Inline keyboards: built from the engine's choices, and read back when a button is pressed. */
import type { CallbackQuery } from 'telegraf/types';
import type { Choice } from '../../dialog/types.ts';

export interface InlineButton {
  text: string;
  callback_data: string;
}

/** Short labels go two to a row so a yes/no pair stays on one line; long ones get a row each. */
export function keyboardRows(choices: readonly Choice[]): InlineButton[][] {
  const rows: InlineButton[][] = [];
  const short = choices.every((c) => c.label.length <= 8);
  const perRow = short && choices.length > 1 ? 2 : 1;
  for (let i = 0; i < choices.length; i += perRow) {
    rows.push(choices.slice(i, i + perRow).map((c) => ({ text: c.label, callback_data: c.id })));
  }
  return rows;
}

/** The label of the pressed button, read from the keyboard of the message it belongs to. */
export function buttonLabel(message: NonNullable<CallbackQuery['message']>, data: string): string | undefined {
  if (!('reply_markup' in message) || !message.reply_markup) return undefined;
  for (const row of message.reply_markup.inline_keyboard) {
    for (const button of row) if ('callback_data' in button && button.callback_data === data) return button.text;
  }
  return undefined;
}

export function ownerMessageId(message: NonNullable<CallbackQuery['message']>): number | undefined {
  return 'reply_to_message' in message ? message.reply_to_message?.message_id : undefined;
}
