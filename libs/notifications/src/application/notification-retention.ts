import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long a sent or dead email (address, names, answer links) is kept: long enough to recognise a late duplicate. */
export const EMAIL_RETENTION_DAYS = 30;

/**
 * Email bodies and addresses are personal data: once an email is settled and old, it is deleted. The delivery rows
 * keep what was sent to whom on which channel and when; in-app notifications are the recipients' own inbox.
 */
@Injectable()
export class NotificationRetention {
  constructor(private readonly dataSource: DataSource) {}

  async prune(days = EMAIL_RETENTION_DAYS): Promise<number> {
    const [, removed] = (await this.dataSource.query(
      `DELETE FROM email_messages WHERE coalesce(sent_at, failed_at) < now() - make_interval(days => $1)`,
      [days],
    )) as [unknown, number];
    return removed;
  }
}
