import { createTransport, type Transporter } from 'nodemailer';
import { EmailNotAcceptedError } from '../domain/notifications.errors.js';
import type { EmailSender, OutgoingEmail } from '../domain/ports.js';

/** SMTP through nodemailer, pooled: a few long-lived connections instead of one handshake per message. */
export class SmtpEmailSender implements EmailSender {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 4,
      // Bounded waits: a hung server must fail the attempt (and free its row lock), not stall the dispatcher.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    this.domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'praksisbro.local';
  }

  async send(email: OutgoingEmail): Promise<{ response: string }> {
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<${email.id}@${this.domain}>`,
      })) as { response?: string };
      return { response: info.response ?? '' };
    } catch (err) {
      const e = err as { message?: string; responseCode?: number; code?: string };
      const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
      // EENVELOPE without a reply code: nodemailer refused the addresses itself, so no retry will help.
      throw new EmailNotAcceptedError(e.message ?? String(err), responseCode, (responseCode !== null && responseCode >= 500) || (e.code === 'EENVELOPE' && responseCode === null));
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
