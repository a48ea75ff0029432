import { Channel, NotificationKind, type RecipientRef, recipientKey, type TemplatedKind } from './notification.js';

/** The people around one proposal, reloaded from PostgreSQL when the event is processed (not when it happened). */
export interface ProposalAudience {
  /** The proposal's status now: an invitation to answer is pointless once it has been answered or withdrawn. */
  readonly currentStatus: string;
  readonly createdById: string;
  /** The participant's advisor (participants.advisor_id). */
  readonly advisorId: string | null;
  readonly followUpOwnerId: string | null;
  /** Active EMPLOYER users of the organisations that act for the proposal's employer. */
  readonly employerUserIds: readonly string[];
  readonly employerContacts: ReadonlyArray<{ readonly id: string; readonly hasEmail: boolean; readonly hasPhone: boolean }>;
}

export interface NotifiableEvent {
  readonly type: string;
  /** ProposalStatusChanged: the status moved to. */
  readonly to?: string | null;
  readonly actorId: string | null;
}

export interface PlannedNotification {
  readonly recipient: RecipientRef;
  readonly kind: TemplatedKind;
  readonly channels: readonly Channel[];
}

const PROGRESS: ReadonlySet<string> = new Set(['AGREED', 'STARTED', 'COMPLETED', 'ENDED_EARLY', 'CONVERTED', 'HIRED']);

/**
 * Who hears about what (domain.md §5). Staff never get a notification about their own action, one person with
 * two roles (creator and advisor) gets one notification per channel, and employer contacts, who have no account,
 * get email (SMS when they only have a phone number).
 */
export function planEventNotifications(event: NotifiableEvent, audience: ProposalAudience): PlannedNotification[] {
  const plan = new Planner(event.actorId);
  switch (event.type) {
    case 'ProposalCreated':
      if (audience.advisorId && audience.advisorId !== audience.createdById) plan.user(audience.advisorId, NotificationKind.CANDIDATE_SUGGESTED, [Channel.IN_APP]);
      break;
    case 'ProposalStatusChanged':
      if (event.to === 'PROPOSED') {
        if (audience.currentStatus !== 'PROPOSED') break;
        for (const c of audience.employerContacts) {
          const channel = c.hasEmail ? Channel.EMAIL : c.hasPhone ? Channel.SMS : null;
          if (channel) plan.add({ kind: 'EMPLOYER_CONTACT', id: c.id }, NotificationKind.PROPOSAL_RECEIVED, [channel]);
        }
        for (const u of audience.employerUserIds) plan.user(u, NotificationKind.PROPOSAL_RECEIVED, [Channel.IN_APP]);
      } else if (event.to === 'ACCEPTED' || event.to === 'DECLINED') {
        const kind = event.to === 'ACCEPTED' ? NotificationKind.PROPOSAL_ACCEPTED : NotificationKind.PROPOSAL_DECLINED;
        plan.user(audience.createdById, kind, [Channel.IN_APP, Channel.EMAIL]);
        plan.user(audience.advisorId, kind, [Channel.IN_APP, Channel.EMAIL]);
      } else if (event.to && PROGRESS.has(event.to)) {
        plan.user(audience.advisorId, NotificationKind.PLACEMENT_PROGRESSED, [Channel.IN_APP]);
        plan.user(audience.followUpOwnerId, NotificationKind.PLACEMENT_PROGRESSED, [Channel.IN_APP]);
      }
      break;
    case 'FollowUpScheduled':
      plan.user(audience.followUpOwnerId, NotificationKind.FOLLOW_UP_SCHEDULED, [Channel.IN_APP]);
      break;
  }
  return plan.result();
}

class Planner {
  private readonly byRecipient = new Map<string, { recipient: RecipientRef; kind: TemplatedKind; channels: Set<Channel> }>();

  constructor(private readonly actorId: string | null) {}

  user(id: string | null, kind: TemplatedKind, channels: readonly Channel[]) {
    // Nobody needs to be told what they just did themselves.
    if (id && id !== this.actorId) this.add({ kind: 'USER', id }, kind, channels);
  }

  add(recipient: RecipientRef, kind: TemplatedKind, channels: readonly Channel[]) {
    const key = recipientKey(recipient);
    const entry = this.byRecipient.get(key) ?? { recipient, kind, channels: new Set<Channel>() };
    for (const c of channels) entry.channels.add(c);
    this.byRecipient.set(key, entry);
  }

  result(): PlannedNotification[] {
    return [...this.byRecipient.values()].map((e) => ({ recipient: e.recipient, kind: e.kind, channels: [...e.channels] }));
  }
}
