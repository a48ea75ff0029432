import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SMS_SENDER, type SmsSender } from '../domain/ports.js';
import { toPlainText, type MessageContent } from '../domain/templates.js';

/**
 * Hands pending SMS deliveries to the SMS port one by one, under a row lock like email. With the default disabled
 * adapter each is recorded NOT_SENT ("not sent: no provider"), so nobody believes a text went out.
 */
@Injectable()
export class SmsDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
  ) {}

  async sendDue(max = 200): Promise<number> {
    let handled = 0;
    while (handled < max && (await this.sendOne())) handled++;
    return handled;
  }

  private async sendOne(): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `SELECT d.id, d.content, c.phone FROM notification_deliveries d
           LEFT JOIN employer_contacts c ON d.recipient_kind = 'EMPLOYER_CONTACT' AND c.id = d.recipient_id
          WHERE d.status = 'PENDING' AND d.channel <> 'IN_APP' AND d.email_message_id IS NULL AND d.channel = 'SMS'
          ORDER BY d.created_at, d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED`,
      )) as Array<{ id: string; content: MessageContent; phone: string | null }>;
      if (!row) return false;
      const result = row.phone ? await this.sms.send({ id: row.id, to: row.phone, text: `${row.content.subject}\n\n${toPlainText(row.content)}` }) : ({ sent: false, reason: 'no phone number' } as const);
      if (result.sent) await em.query(`UPDATE notification_deliveries SET status = 'SENT', sent_at = clock_timestamp(), detail = $2 WHERE id = $1`, [row.id, `provider id ${result.providerId}`]);
      else await em.query(`UPDATE notification_deliveries SET status = 'NOT_SENT', detail = $2 WHERE id = $1`, [row.id, `not sent: ${result.reason}`]);
      return true;
    });
  }
}
