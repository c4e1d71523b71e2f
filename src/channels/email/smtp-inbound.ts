/**
 * kefu's own SMTP server (RFC 5321) for the center's domains: it accepts mail only for its
 * configured domains or addresses (no relay), enforces the size limit announced in EHLO (SIZE,
 * RFC 1870), and acknowledges the DATA only after the mail is stored, so a failure answers 451
 * and the sending server tries again: nothing accepted is lost.
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Envelope, Log, MailIngest } from './mail-ingest.ts';
import { MailTooLarge, MailUnreadable } from './mail-reader.ts';

export interface SmtpInboundOptions {
  readonly port: number;
  readonly host?: string;
  /** Domains accepted for any local part (kefu.local) and single addresses. */
  readonly domains: readonly string[];
  readonly addresses?: readonly string[];
  readonly maxBytes: number;
  /** PEM key and certificate: STARTTLS is offered when given. */
  readonly tls?: { key: string | Buffer; cert: string | Buffer };
  readonly serverName?: string;
}

/** smtp-server errors carry the SMTP reply code on `responseCode`. */
function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export class SmtpInbound {
  private server: SMTPServer | null = null;
  port = 0;

  constructor(
    private readonly o: SmtpInboundOptions,
    private readonly ingest: MailIngest,
    private readonly log: Log,
  ) {}

  private accepts(address: string): boolean {
    const a = address.toLowerCase();
    const domain = a.split('@')[1] ?? '';
    return (
      this.o.domains.some((d) => d.toLowerCase() === domain) ||
      (this.o.addresses ?? []).some((x) => x.toLowerCase() === a)
    );
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      name: this.o.serverName ?? 'kefu',
      banner: 'kefu contact center',
      size: this.o.maxBytes,
      authOptional: true,
      disabledCommands: this.o.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(this.o.tls ? { key: this.o.tls.key, cert: this.o.tls.cert } : {}),
      logger: false,
      // A client that stops talking is dropped rather than holding a socket for ever.
      socketTimeout: 60_000,
      closeTimeout: 5_000,
      onRcptTo: (addr: SMTPServerAddress, _s: SMTPServerSession, cb: (e?: Error) => void) => {
        if (this.accepts(addr.address)) return cb();
        this.log('warn', 'smtp relay refused', { to: addr.address });
        cb(smtpError(550, '5.7.1 relaying denied: not a mailbox of this center'));
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= this.o.maxBytes) chunks.push(c);
        });
        stream.on('end', () => {
          const sizeExceeded = (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded;
          if (sizeExceeded || size > this.o.maxBytes)
            return cb(smtpError(552, '5.3.4 message size exceeds the limit'));
          const mailFrom = session.envelope.mailFrom;
          const envelope: Envelope = {
            from: mailFrom ? mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          this.ingest
            .ingest(Buffer.concat(chunks), envelope)
            .then((r) =>
              cb(null, r.kind === 'mail' ? `2.0.0 queued as ${r.messageId}` : '2.0.0 ok'),
            )
            .catch((e: unknown) => {
              if (e instanceof MailTooLarge)
                return cb(smtpError(552, '5.3.4 message size exceeds the limit'));
              if (e instanceof MailUnreadable) {
                this.log('warn', 'unreadable mail refused', { err: e.message });
                return cb(smtpError(554, '5.6.0 message could not be read'));
              }
              this.log('error', 'storing inbound mail failed', { err: String(e) });
              cb(smtpError(451, '4.3.0 temporary failure, try again later'));
            });
        });
      },
    });
    server.on('error', (e) => this.log('warn', 'smtp server error', { err: String(e) }));
    await new Promise<void>((resolve, reject) => {
      server.listen(this.o.port, this.o.host ?? '0.0.0.0', () => resolve());
      server.server.once('error', reject);
    });
    this.server = server;
    const a = server.server.address();
    this.port = typeof a === 'object' && a ? a.port : this.o.port;
    this.log('info', 'smtp listening', { port: this.port });
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
