/**
 * Reads a mailbox the center keeps at its mail provider (IMAP4rev1, RFC 3501): unseen mail is
 * fetched one message at a time, handed to the ingest, and flagged \Seen only once stored, so a
 * crash or an ingest failure leaves it unseen for the next pass. Between passes the connection
 * sits in IDLE (RFC 2177) and a new message (EXISTS) starts a pass at once; a periodic pass
 * covers servers without IDLE. A dropped connection is reopened with backoff.
 */
import { ImapFlow } from 'imapflow';
import type { Log, MailIngest } from './mail-ingest.ts';
import { MailTooLarge, MailUnreadable } from './mail-reader.ts';

export interface ImapOptions {
  readonly host: string;
  readonly port: number;
  readonly secure?: boolean;
  readonly user: string;
  readonly password: string;
  readonly mailbox?: string;
  /** Full pass every this many ms even without IDLE news. */
  readonly pollMs?: number;
  readonly allowSelfSigned?: boolean;
}

export class ImapPoller {
  private client: ImapFlow | null = null;
  private stopped = false;
  private passing: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  /** Messages stored through this poller (tests and the resource board read it). */
  ingested = 0;
  state: 'connecting' | 'open' | 'down' = 'connecting';

  constructor(
    private readonly o: ImapOptions,
    private readonly ingest: MailIngest,
    private readonly log: Log,
  ) {}

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.state = 'connecting';
    const client = new ImapFlow({
      host: this.o.host,
      port: this.o.port,
      secure: this.o.secure ?? false,
      auth: { user: this.o.user, pass: this.o.password },
      logger: false,
      // Enter IDLE soon after each pass so new mail (EXISTS) is noticed within a second.
      autoIdleDelay: 500,
      // Some servers end IDLE after ~30 min of silence; renew it well before.
      maxIdleTime: 5 * 60_000,
      ...(this.o.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
    });
    client.on('error', (e: unknown) => this.log('warn', 'imap error', { err: String(e) }));
    client.on('close', () => this.dropped(client));
    client.on('exists', () => this.pass());
    try {
      await client.connect();
      await client.mailboxOpen(this.o.mailbox ?? 'INBOX');
      this.client = client;
      this.state = 'open';
      this.failures = 0;
      this.log('info', 'imap mailbox open', { host: this.o.host, user: this.o.user });
      this.pass();
      this.schedule();
    } catch (e) {
      this.log('warn', 'imap connect failed', { host: this.o.host, err: String(e) });
      client.close();
      this.dropped(client);
    }
  }

  private dropped(client: ImapFlow): void {
    if (this.client === client) this.client = null;
    if (this.stopped || this.state === 'down') return;
    this.state = 'down';
    const wait = Math.min(30_000, 1000 * 2 ** Math.min(this.failures++, 5));
    setTimeout(() => void this.connect(), wait).unref();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.pass();
      this.schedule();
    }, this.o.pollMs ?? 60_000);
    this.timer.unref();
  }

  /** Runs a pass now, or right after the running one. */
  pass(): void {
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = this.runPass()
      .catch((e: unknown) => this.log('warn', 'imap pass failed', { err: String(e) }))
      .finally(() => {
        this.passing = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.pass();
        }
      });
  }

  /** Resolves when the current pass (if any) is over. */
  async settled(): Promise<void> {
    while (this.passing) await this.passing;
  }

  private async runPass(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    // One command at a time: commands issued inside a fetch() iteration hang imapflow.
    for (const uid of uids) {
      if (this.stopped || this.client !== client) return;
      const msg = await client.fetchOne(
        String(uid),
        { source: true, envelope: true },
        { uid: true },
      );
      if (!msg || !msg.source) continue;
      try {
        const from = msg.envelope?.from?.[0]?.address ?? '';
        const to = (msg.envelope?.to ?? []).map((a) => a.address ?? '').filter(Boolean);
        await this.ingest.ingest(msg.source, { from: returnPath(msg.source) ?? from, to });
        this.ingested++;
      } catch (e) {
        if (e instanceof MailUnreadable || e instanceof MailTooLarge) {
          // It stays in the mailbox for a person to look at, but is not read again and again.
          this.log('error', 'imap message unreadable, flagged', { uid, err: String(e) });
          await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
          continue;
        }
        // Left unseen: the next pass tries again.
        this.log('error', 'imap message not stored', { uid, err: String(e) });
        continue;
      }
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.settled();
    const c = this.client;
    this.client = null;
    if (c) await c.logout().catch(() => c.close());
  }
}

/** The Return-Path a delivering server stamped: '' for bounces (`<>`), else the address. */
function returnPath(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const m = /^Return-Path:\s*<([^>]*)>/im.exec(end >= 0 ? head.slice(0, end) : head);
  return m ? (m[1] ?? '') : null;
}
