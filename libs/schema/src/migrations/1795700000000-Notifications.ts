import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (libs/notifications): deliveries keyed UNIQUE by (dedupe key, recipient, channel) so a redelivered
 * event writes nothing twice; in-app notifications written with their delivery; email messages fixed before the
 * first SMTP attempt so a retry reuses the same Message-ID.
 */
export class Notifications1795700000000 implements MigrationInterface {
  name = 'Notifications1795700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."notification_channel" AS ENUM('IN_APP', 'EMAIL', 'SMS')`);
    await q.query(`CREATE TYPE "public"."notification_delivery_status" AS ENUM('PENDING', 'SENT', 'NOT_SENT', 'FAILED')`);

    await q.query(`CREATE TABLE "email_messages" (
      "id" uuid NOT NULL,
      "recipient_kind" text NOT NULL,
      "recipient_id" uuid NOT NULL,
      "to_address" text NOT NULL,
      "language" text NOT NULL,
      "subject" text NOT NULL,
      "text_body" text NOT NULL,
      "html_body" text NOT NULL,
      "item_count" integer NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_error" text,
      "smtp_response" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "failed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_email_messages" PRIMARY KEY ("id"),
      CONSTRAINT "chk_email_messages_recipient_kind" CHECK ("recipient_kind" IN ('USER', 'EMPLOYER_CONTACT')))`);
    // The sender's work list: only messages still to send, in the order they are due.
    await q.query(`CREATE INDEX "idx_email_messages_next_attempt_at_partial" ON "email_messages" ("next_attempt_at", "id") WHERE sent_at IS NULL AND failed_at IS NULL`);
    await q.query(`CREATE INDEX "idx_email_messages_failed_at_partial" ON "email_messages" ("failed_at") WHERE failed_at IS NOT NULL`);

    await q.query(`CREATE TABLE "notification_deliveries" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "dedupe_key" text NOT NULL,
      "event_id" bigint,
      "recipient_kind" text NOT NULL,
      "recipient_id" uuid NOT NULL,
      "channel" "public"."notification_channel" NOT NULL,
      "kind" text NOT NULL,
      "language" text NOT NULL,
      "content" jsonb NOT NULL,
      "subject_type" text,
      "subject_id" uuid,
      "status" "public"."notification_delivery_status" NOT NULL DEFAULT 'PENDING',
      "detail" text,
      "email_message_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_notification_deliveries" PRIMARY KEY ("id"),
      CONSTRAINT "chk_notification_deliveries_recipient_kind" CHECK ("recipient_kind" IN ('USER', 'EMPLOYER_CONTACT')),
      CONSTRAINT "fk_notification_deliveries_email_message" FOREIGN KEY ("email_message_id") REFERENCES "email_messages"("id") ON DELETE SET NULL)`);
    await q.query(`CREATE UNIQUE INDEX "idx_notification_deliveries_dedupe" ON "notification_deliveries" ("dedupe_key", "recipient_kind", "recipient_id", "channel")`);
    await q.query(`CREATE INDEX "idx_notification_deliveries_event_id" ON "notification_deliveries" ("event_id")`);
    await q.query(`CREATE INDEX "idx_notification_deliveries_subject_id" ON "notification_deliveries" ("subject_id")`);
    await q.query(`CREATE INDEX "idx_notification_deliveries_email_message_id" ON "notification_deliveries" ("email_message_id")`);
    await q.query(`CREATE INDEX "idx_notification_deliveries_recipient_kind_recipient_id" ON "notification_deliveries" ("recipient_kind", "recipient_id")`);
    // The digest composer's and the SMS sender's work lists: pending outbound deliveries only.
    await q.query(`CREATE INDEX "idx_notification_deliveries_created_at_partial" ON "notification_deliveries" ("created_at", "id") WHERE status = 'PENDING' AND channel <> 'IN_APP' AND email_message_id IS NULL`);

    await q.query(`CREATE TABLE "notifications" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "recipient_id" uuid NOT NULL,
      "delivery_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "subject_type" text,
      "subject_id" uuid,
      "title" text NOT NULL,
      "body" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "read_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_notifications" PRIMARY KEY ("id"),
      CONSTRAINT "fk_notifications_recipient" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_notifications_delivery" FOREIGN KEY ("delivery_id") REFERENCES "notification_deliveries"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE UNIQUE INDEX "idx_notifications_delivery_id" ON "notifications" ("delivery_id")`);
    await q.query(`CREATE INDEX "idx_notifications_recipient_id_created_at_id" ON "notifications" ("recipient_id", "created_at" DESC, "id" DESC)`);
    await q.query(`CREATE INDEX "idx_notifications_recipient_id_partial" ON "notifications" ("recipient_id") WHERE read_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TABLE "notification_deliveries"`);
    await q.query(`DROP TABLE "email_messages"`);
    await q.query(`DROP TYPE "public"."notification_delivery_status"`);
    await q.query(`DROP TYPE "public"."notification_channel"`);
  }
}
