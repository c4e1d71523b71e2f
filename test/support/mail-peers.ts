/**
 * Mail peers for channel tests: a customer-side SMTP server (the customer's mail provider) that
 * keeps what it receives and can answer like an auto-responder, and a client that sends mail
 * to kefu's SMTP server the way a real MTA would.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly envelopeFrom: string;
  readonly to: string[];
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
}

export interface Sink {
  readonly port: number;
  readonly mail: Received[];
  /** Mail for these addresses is refused at RCPT with 550. */
  readonly refuse: Set<string>;
  /** Called for each mail received (an auto-responder answers from here). */
  onMail: ((m: Received) => void) | null;
  to(address: string): Received[];
  stop(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const mail: Received[] = [];
  const refuse = new Set<string>();
  const sink: Sink = {
    port: 0,
    mail,
    refuse,
    onMail: null,
    to: (a) => mail.filter((m) => m.to.includes(a)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(addr, _s, cb) {
      if (refuse.has(addr.address))
        return cb(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          const m: Received = {
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          };
          mail.push(m);
          cb();
          sink.onMail?.(m);
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const a = server.server.address();
  (sink as { port: number }).port = typeof a === 'object' && a ? a.port : 0;
  return sink;
}

/** Sends to kefu's SMTP server; resolves with the server's answer or rejects with its error. */
export async function sendTo(port: number, mail: SendMailOptions): Promise<{ response: string }> {
  const t = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
  });
  try {
    const r = await t.sendMail(mail);
    return { response: r.response };
  } finally {
    t.close();
  }
}

export async function until<T>(
  what: string,
  fn: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
