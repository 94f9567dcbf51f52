/** Which card a reply becomes (question, basics form, indicator table, indicator edit), or none. */
import type { Reply } from '../../dialog/types.ts';
import { basicsFormCard, choicesCard, fitCard, type Card } from './cards.ts';
import { editCard, indicatorCard } from './cardsTable.ts';

/** What a card shows: a question, the basics form, an indicator table or one indicator's edit form. */
export type CardKind = 'choices' | 'form' | 'table' | 'edit';

/**
 * The card for a reply with buttons, a form, a table or an edit; undefined for a reply that is
 * best sent as plain text (no controls).
 */
export function cardForReply(reply: Reply): { card: Card; overflow?: string; kind: CardKind } | undefined {
  if (reply.type === 'file') return undefined;
  const choices = reply.type === 'choices' ? reply.choices : [];
  if (reply.table) return { ...indicatorCard(reply.text, reply.table, choices), kind: 'table' };
  if (reply.edit) return { ...fitCard(reply.text, (t) => editCard(t, reply.edit!, choices)), kind: 'edit' };
  if (reply.form) return { ...fitCard(reply.text, (t) => basicsFormCard(t, choices)), kind: 'form' };
  if (choices.length === 0) return undefined;
  return { ...fitCard(reply.text, (t) => choicesCard(t, choices)), kind: 'choices' };
}

