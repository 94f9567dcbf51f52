/**
 * The shape of the Telegram updates we act on, checked at the edge before anything reads them:
 * a malformed update is answered 400 (webhook) or skipped with a log line (polling), never a
 * TypeError in a handler. Unknown fields pass; the ones we read must have the right types.
 */
import { z } from 'zod';

const User = z.object({ id: z.number().int(), is_bot: z.boolean().optional(), username: z.string().optional() }).passthrough();
const Chat = z.object({ id: z.number().int(), type: z.string() }).passthrough();
const Message = z
  .object({
    message_id: z.number().int(),
    chat: Chat,
    from: User.optional(),
    text: z.string().optional(),
    document: z.object({ file_id: z.string(), file_name: z.string().optional(), file_size: z.number().optional(), mime_type: z.string().optional() }).passthrough().optional(),
    reply_to_message: z.object({ message_id: z.number().int(), from: User.optional() }).passthrough().optional(),
  })
  .passthrough();

export const UpdateSchema = z
  .object({
    update_id: z.number().int().nonnegative(),
    message: Message.optional(),
    callback_query: z
      .object({ id: z.string(), from: User, data: z.string().optional(), message: Message.optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** Why an update is malformed, or undefined. */
export function updateProblem(update: unknown): string | undefined {
  const parsed = UpdateSchema.safeParse(update);
  if (parsed.success) return undefined;
  const first = parsed.error.issues[0];
  return `malformed update: ${first?.path.join('.') || '(root)'} ${first?.message ?? ''}`.trim();
}

/** The conversation an update belongs to: one user in one chat (`telegram:<chat>:<user>`). */
export function userKeyOfUpdate(update: z.infer<typeof UpdateSchema>): string {
  if (update.callback_query) return `telegram:${update.callback_query.message?.chat.id ?? '-'}:${update.callback_query.from.id}`;
  if (update.message) return `telegram:${update.message.chat.id}:${update.message.from?.id ?? '-'}`;
  return `telegram:update:${update.update_id}`;
}
