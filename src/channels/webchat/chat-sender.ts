/**
 * The outbox's sender for web chat: pushes an agent's message to the visitor's open
 * connections and calls it delivered when the widget acknowledges it (`{type:"delivered",id}`)
 * within the ack timeout. A visitor who is not connected, or does not answer, is a transient
 * failure, so the outbox tries again later (a reload within the retry window still gets it);
 * a chat that is over with nobody connected is a permanent one.
 */
import {
  SendFailure,
  type ChannelSender,
  type SendResult,
} from '../../app/ports/channel-sender.ts';
import type { ChatService } from '../../app/messaging/chat-service.ts';
import type { Message } from '../../domain/message/message.ts';

interface Waiting {
  readonly token: string;
  readonly done: (acked: boolean) => void;
}

export class ChatSender implements ChannelSender {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly chat: ChatService,
    private readonly ackTimeoutMs = 5000,
  ) {}

  async send(m: Message): Promise<SendResult> {
    const target = await this.chat.deliveryTarget(m.contactId);
    const name = await this.chat.agentName(m.authorId);
    if (!target.token)
      throw new SendFailure(
        target.closed ? 'the visitor has left the chat' : 'the visitor is not connected',
        target.closed,
      );
    const token = target.token;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const acked = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.ackTimeoutMs);
      this.waiting.set(m.id, { token, done: resolve });
    });
    try {
      const reached = this.chat.sessions.push(token, {
        type: 'message',
        id: m.id,
        from: 'agent',
        name,
        text: m.body,
        at: m.createdAt.toISOString(),
      });
      if (reached === 0)
        throw new SendFailure(
          target.closed ? 'the visitor has left the chat' : 'the visitor is not connected',
          target.closed,
        );
      if (!(await acked))
        throw new SendFailure(
          `the visitor did not acknowledge within ${this.ackTimeoutMs} ms`,
          false,
        );
      return { delivered: true };
    } finally {
      clearTimeout(timer);
      this.waiting.delete(m.id);
    }
  }

  /** The widget's acknowledgement; only the visitor the message went to may give it. */
  acked(token: string, messageId: string): boolean {
    const w = this.waiting.get(messageId);
    if (!w || w.token !== token) return false;
    w.done(true);
    return true;
  }
}
