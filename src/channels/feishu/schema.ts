/**
 * The shape of every Feishu event we act on, checked at the edge (webhook and long connection)
 * before anything reads it: a malformed but authenticated event is answered 400 (webhook) or
 * dropped with a log line (long connection), never a TypeError or a 500.
 * The schemas describe the event as the SDK hands it to handlers: header fields merged with `event`.
 */
import { z } from 'zod';

const Ids = z.object({ open_id: z.string().optional(), user_id: z.string().optional(), union_id: z.string().optional() });

const Mention = z.object({ key: z.string(), id: Ids, name: z.string() });

export const MessageEventSchema = z.object({
  event_id: z.string().optional(),
  tenant_key: z.string().optional(),
  sender: z.object({ sender_id: Ids.optional(), sender_type: z.string(), tenant_key: z.string().optional() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(Mention).optional(),
    create_time: z.string().optional(),
  }),
});

/** What the `content` JSON of the message types we read must hold. */
const CONTENT: Record<string, z.ZodType> = {
  text: z.object({ text: z.string() }),
  file: z.object({ file_key: z.string(), file_name: z.string().optional() }),
  post: z.record(z.string(), z.unknown()),
};

export const CardActionEventSchema = z.object({
  event_id: z.string().optional(),
  tenant_key: z.string().optional(),
  operator: Ids.extend({ tenant_key: z.string().optional() }),
  action: z.object({
    value: z.unknown().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
  }),
  context: z.object({ open_message_id: z.string().min(1), open_chat_id: z.string().min(1) }),
});

const Envelope = z.object({
  schema: z.literal('2.0'),
  header: z.object({ event_id: z.string().min(1), event_type: z.string().min(1), token: z.string().optional(), create_time: z.string().optional(), tenant_key: z.string().optional() }),
  event: z.record(z.string(), z.unknown()),
});

/** Why an event is malformed (for the log and the 400 answer), or undefined when it is well-formed. */
export function eventProblem(merged: unknown): string | undefined {
  const type = (merged as { event_type?: unknown })?.event_type;
  if (type === 'im.message.receive_v1') {
    const parsed = MessageEventSchema.safeParse(merged);
    if (!parsed.success) return issue('im.message.receive_v1', parsed.error);
    const m = parsed.data.message;
    const schema = CONTENT[m.message_type];
    if (schema) {
      let content: unknown;
      try {
        content = JSON.parse(m.content);
      } catch {
        return 'message.content is not JSON';
      }
      const c = schema.safeParse(content);
      if (!c.success) return issue(`message.content (${m.message_type})`, c.error);
    }
    return undefined;
  }
  if (type === 'card.action.trigger') {
    const parsed = CardActionEventSchema.safeParse(merged);
    return parsed.success ? undefined : issue('card.action.trigger', parsed.error);
  }
  // Other event types are not subscribed to; the dispatcher ignores them.
  return undefined;
}

/** Checks a decrypted webhook body: the 2.0 envelope, then the event it carries. */
export function envelopeProblem(body: Record<string, unknown>): string | undefined {
  const parsed = Envelope.safeParse(body);
  if (!parsed.success) return issue('event envelope', parsed.error);
  return eventProblem({ ...parsed.data.header, ...parsed.data.event });
}

function issue(what: string, error: z.ZodError): string {
  const first = error.issues[0];
  return `malformed ${what}: ${first?.path.join('.') || '(root)'} ${first?.message ?? ''}`.trim();
}
