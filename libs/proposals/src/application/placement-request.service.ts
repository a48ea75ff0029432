import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '#lib/access';
import { ConflictError, parseInput } from '#lib/core';
import { Channel, NotificationKind, NotificationsService } from '#lib/notifications';
import { OccupationCatalogue } from '#lib/occupations';
import { DomainEventType, OutboxWriter } from '#lib/outbox';
import { ParticipantsService } from '#lib/participants';

const requestSchema = z.object({ note: z.string().trim().max(1000).nullish() });

/**
 * "This participant needs a placement": the advisor tells the market contacts of the NAV office that
 * serves the unit (replacing the shared chat channel). The message carries the matching view only.
 */
@Injectable()
export class PlacementRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxWriter,
  ) {}

  async request(actor: Actor, participantId: string, input: { note?: string | null }): Promise<number> {
    const data = parseInput(requestSchema, input ?? {});
    const p = await this.participants.fullView(actor, participantId, 'The participant’s advisors ask for placements');
    return this.dataSource.transaction(async (em) => {
      const contacts = (await em.query(
        `SELECT u.id FROM users u JOIN organisations unit ON unit.nav_office_id = u.organisation_id WHERE unit.id = $1 AND u.role = 'MARKET_CONTACT' AND u.active`,
        [p.organisationId],
      )) as Array<{ id: string }>;
      if (contacts.length === 0) throw new ConflictError('No market contact serves this unit yet');
      // The event's id keys the notification's de-duplication.
      const [eventId] = await this.outbox.record(em, actor.userId, [
        { type: DomainEventType.PlacementRequested, aggregateType: 'Participant', aggregateId: p.id, payload: { organisationId: p.organisationId } },
      ]);
      const occupations = p.wantedOccupations.map((c) => OccupationCatalogue.default().get(c)).filter((o) => o !== undefined);
      const name = `${p.firstName} ${p.lastName.charAt(0)}.`;
      const levels = [p.oralLevel ? `muntlig ${p.oralLevel}` : null, p.writingLevel ? `skriftlig ${p.writingLevel}` : null].filter(Boolean).join(', ');
      const text = (lang: 'nb' | 'en') => ({
        subject: lang === 'nb' ? `${name} trenger en praksisplass` : `${name} needs a placement`,
        paragraphs: [
          lang === 'nb'
            ? `Ønsker: ${occupations.map((o) => o!.nameNb).join(', ') || 'ikke oppgitt'}. Norsk: ${levels || 'ikke vurdert'}. Ledige dager: ${p.availableWeekdays.join(', ') || '–'}.`
            : `Wants: ${occupations.map((o) => o!.nameEn).join(', ') || 'not stated'}. Norwegian: ${levels.replace('muntlig', 'oral').replace('skriftlig', 'written') || 'not assessed'}. Available: ${p.availableWeekdays.join(', ') || '–'}.`,
          ...(data.note ? [data.note] : []),
        ],
      });
      await this.notifications.notifyRendered(
        em,
        contacts.map((c) => ({ recipient: { kind: 'USER' as const, id: c.id }, channels: [Channel.IN_APP, Channel.EMAIL] })),
        { kind: NotificationKind.REMINDER, texts: { nb: text('nb'), en: text('en') }, subject: { type: 'Participant', id: p.id } },
        `placement-request:${eventId}`,
      );
      return contacts.length;
    });
  }
}
