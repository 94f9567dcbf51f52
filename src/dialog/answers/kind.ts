/** What the engine takes a message for, in the order it checks (see engine.ts dispatch). Pure. */
import type { FrameworkId } from '../../domain/framework.ts';
import { parseCommand } from '../drafts/commands.ts';
import type { EditField } from '../records.ts';
import { readSeveral } from './clauses.ts';
import { intentOf, isIndicatorEdit, type Intent } from './intents.ts';
import { readParagraph } from './paragraph.ts';
import { parsePaste } from './paste.ts';

export type MessageKind = 'command' | 'edit' | 'paste' | 'paragraph' | Intent;

/** `asked`: the field the question was about, as the engine reads it (see readLabelled). */
export function messageKind(text: string, framework: FrameworkId = 'local', asked?: EditField): MessageKind {
  // Several labelled fields (期限…，金额改成…，实施单位是…) before a command: 「金额改成45万，…」 is no single 修改.
  if (readSeveral(text, framework, asked)) return 'paragraph';
  if (parseCommand(text)) return 'command';
  const intent = intentOf(text);
  if (intent !== 'answer') return intent;
  if (parsePaste(text, framework)) return 'paste';
  if (isIndicatorEdit(text)) return 'edit';
  // Read as a paragraph only where a first answer is expected (no draft, or the name question).
  if (readParagraph(text)) return 'paragraph';
  return 'answer';
}
