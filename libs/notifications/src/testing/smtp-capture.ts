/**
 * A real SMTP server on a free loopback port (the smtp-server package) that keeps what it accepted, for the
 * notification tests and the benchmark. Not exported from the lib's index: production never loads it.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface CapturedEmail {
  /** The Message-ID without angle brackets and domain: the email_messages id the worker used. */
  readonly id: string;
  readonly messageId: string;
  readonly to: readonly string[];
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly receivedAt: number;
}

interface Held {
  readonly email: CapturedEmail;
  readonly sessionId: string;
  readonly answer: (err?: Error | null) => void;
}

export class SmtpCapture {
  /** Messages the server accepted ("250 OK" written to the client), in arrival order. */
  readonly accepted: CapturedEmail[] = [];
  /** Messages that arrived in full but whose client vanished before the server answered: not accepted. */
  readonly abandoned: CapturedEmail[] = [];
  /** Recipients refused for good (550), to exercise the dead-letter path. */
  readonly refuse = new Set<string>();
  private held: Held[] = [];
  private holding = false;
  private holdWaiters: Array<{ first: (email: CapturedEmail) => boolean; resolve: (email: CapturedEmail) => void }> = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** `parse: false` reads only the headers it reports (a benchmark's SMTP server must not eat the CPU it measures). */
  static async start(options: { parse?: boolean } = {}): Promise<SmtpCapture> {
    const parse = options.parse ?? true;
    let capture!: SmtpCapture;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
        if (!capture.refuse.has(address.address)) return callback();
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        callback(err);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          void capture.received(Buffer.concat(chunks), session, callback, parse);
        });
      },
      onClose(session: SMTPServerSession) {
        capture.closed(session);
      },
    });
    server.on('error', () => undefined); // a client killed mid-conversation is expected here
    const port = await new Promise<number>((resolve, reject) => {
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
      server.server.once('error', reject);
    });
    capture = new SmtpCapture(server, port);
    return capture;
  }

  /**
   * From now on every message that arrives in full is held without an answer (no "250 OK") until `release()`, or
   * abandoned when its client dies first. Resolves with the first one held that `first` accepts.
   */
  holdAll(first: (email: CapturedEmail) => boolean = () => true): Promise<CapturedEmail> {
    this.holding = true;
    return new Promise((resolve) => this.holdWaiters.push({ first, resolve }));
  }

  /** Answers every held message ("250 OK") and stops holding. */
  release(): void {
    this.holding = false;
    for (const held of this.held.splice(0)) {
      this.accepted.push(held.email);
      held.answer();
    }
  }

  async waitFor(predicate: (accepted: readonly CapturedEmail[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.accepted)) {
      if (Date.now() > deadline) throw new Error(`SMTP capture: condition not met in ${timeoutMs} ms (${this.accepted.length} accepted)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Message-IDs accepted more than once. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const e of this.accepted) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }

  async close(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async received(raw: Buffer, session: SMTPServerSession, answer: (err?: Error | null) => void, parse: boolean): Promise<void> {
    const parsed = parse ? await simpleParser(raw) : headersOnly(raw);
    const messageId = parsed.messageId ?? '';
    const email: CapturedEmail = {
      id: messageId.replace(/^<|>$/g, '').split('@')[0]!,
      messageId,
      to: session.envelope.rcptTo.map((r) => r.address),
      from: typeof session.envelope.mailFrom === 'object' && session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      receivedAt: Date.now(),
    };
    if (this.holding) {
      this.held.push({ email, sessionId: session.id, answer });
      for (const waiter of this.holdWaiters.filter((w) => w.first(email))) waiter.resolve(email);
      this.holdWaiters = this.holdWaiters.filter((w) => !w.first(email));
      return;
    }
    this.accepted.push(email);
    answer();
  }

  private closed(session: SMTPServerSession): void {
    // The client died before hearing "250 OK": like an MTA that has not queued it yet, the server drops the message.
    const gone = this.held.filter((h) => h.sessionId === session.id);
    this.held = this.held.filter((h) => h.sessionId !== session.id);
    this.abandoned.push(...gone.map((h) => h.email));
  }
}

/** Message-ID and Subject from the header block, without decoding bodies (Subject stays encoded if it was). */
function headersOnly(raw: Buffer): { messageId?: string; subject?: string; text?: string; html?: string } {
  const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))).toString('utf8').replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
  return { messageId: header('Message-ID'), subject: header('Subject') };
}
