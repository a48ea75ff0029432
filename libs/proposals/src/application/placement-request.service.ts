import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { type Actor, ParticipantView } from '#lib/access';
import { ConflictError, ForbiddenError, NotFoundError, parseInput } from '#lib/core';
import { Channel, NotificationKind, NotificationsService } from '#lib/notifications';
import { OccupationCatalogue } from '#lib/occupations';
import { DomainEventType } from '#lib/outbox';
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
  ) {}

  async request(actor: Actor, participantId: string, input: { note?: string | null }): Promise<number> {
    const data = parseInput(requestSchema, input ?? {});
    const [visible] = await this.participants.findByIds(actor, [participantId]);
    if (!visible) throw new NotFoundError('Participant', participantId);
    if (visible.view !== ParticipantView.FULL) throw new ForbiddenError('The participant’s advisors ask for placements');
    const p = visible.entity;
    return this.dataSource.transaction(async (em) => {
      const contacts = (await em.query(
        `SELECT u.id FROM users u JOIN organisations unit ON unit.nav_office_id = u.organisation_id WHERE unit.id = $1 AND u.role = 'MARKET_CONTACT' AND u.active`,
        [p.organisationId],
      )) as Array<{ id: string }>;
      if (contacts.length === 0) throw new ConflictError('No market contact serves this unit yet');
      // The event row is written here (not through OutboxWriter) so its id keys the notification's de-duplication.
      const rows = (await em.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, actor_id) VALUES ($1, 'Participant', $2, $3, $4) RETURNING id::text`,
        [DomainEventType.PlacementRequested, p.id, JSON.stringify({ organisationId: p.organisationId }), actor.userId],
      )) as Array<{ id: string }>;
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
        `placement-request:${rows[0]!.id}`,
      );
      return contacts.length;
    });
  }
}
