import type { OutgoingSms, SmsResult, SmsSender } from '../domain/ports.js';

/** No SMS provider is configured by default: every SMS is recorded as not sent, never pretended to be. */
export class DisabledSmsSender implements SmsSender {
  async send(_sms: OutgoingSms): Promise<SmsResult> {
    return { sent: false, reason: 'no provider' };
  }
}
