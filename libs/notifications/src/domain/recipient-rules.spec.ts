import { NOTIFICATION_EVENTS } from '#lib/outbox';
import { Channel, NotificationKind as K } from './notification.js';
import { planEventNotifications, type ProposalAudience } from './recipient-rules.js';

const audience: ProposalAudience = {
  currentStatus: 'PROPOSED',
  createdById: 'market-1',
  advisorId: 'advisor-1',
  followUpOwnerId: 'market-2',
  employerUserIds: ['emp-user-1', 'emp-user-2'],
  employerContacts: [
    { id: 'contact-email', hasEmail: true, hasPhone: true },
    { id: 'contact-phone', hasEmail: false, hasPhone: true },
    { id: 'contact-none', hasEmail: false, hasPhone: false },
  ],
};
const plan = (type: string, to: string | null, actorId: string | null, a: Partial<ProposalAudience> = {}) =>
  planEventNotifications({ type, to, actorId }, { ...audience, ...a }).map((p) => `${p.recipient.kind}:${p.recipient.id} ${p.kind} ${[...p.channels].sort().join('+')}`).sort();

describe('who is notified of what', () => {
  it('PROPOSED: contacts by email (SMS when they only have a phone), employer users in-app', () => {
    expect(plan('ProposalStatusChanged', 'PROPOSED', 'market-1')).toEqual([
      `EMPLOYER_CONTACT:contact-email ${K.PROPOSAL_RECEIVED} EMAIL`,
      `EMPLOYER_CONTACT:contact-phone ${K.PROPOSAL_RECEIVED} SMS`,
      `USER:emp-user-1 ${K.PROPOSAL_RECEIVED} IN_APP`,
      `USER:emp-user-2 ${K.PROPOSAL_RECEIVED} IN_APP`,
    ]);
  });

  it('PROPOSED but already answered or withdrawn by processing time: nobody is invited to answer', () => {
    expect(plan('ProposalStatusChanged', 'PROPOSED', 'market-1', { currentStatus: 'WITHDRAWN' })).toEqual([]);
  });

  it('ACCEPTED / DECLINED: creator and advisor, in-app and email', () => {
    expect(plan('ProposalStatusChanged', 'ACCEPTED', 'emp-user-1')).toEqual([`USER:advisor-1 ${K.PROPOSAL_ACCEPTED} EMAIL+IN_APP`, `USER:market-1 ${K.PROPOSAL_ACCEPTED} EMAIL+IN_APP`]);
    expect(plan('ProposalStatusChanged', 'DECLINED', null)).toEqual([`USER:advisor-1 ${K.PROPOSAL_DECLINED} EMAIL+IN_APP`, `USER:market-1 ${K.PROPOSAL_DECLINED} EMAIL+IN_APP`]);
  });

  it('one person in two roles gets one notification per channel', () => {
    expect(plan('ProposalStatusChanged', 'DECLINED', 'emp-user-1', { createdById: 'advisor-1' })).toEqual([`USER:advisor-1 ${K.PROPOSAL_DECLINED} EMAIL+IN_APP`]);
  });

  it('staff are not told about their own action', () => {
    // A market contact recording the employer's phone answer.
    expect(plan('ProposalStatusChanged', 'ACCEPTED', 'market-1')).toEqual([`USER:advisor-1 ${K.PROPOSAL_ACCEPTED} EMAIL+IN_APP`]);
  });

  it.each(['AGREED', 'STARTED', 'COMPLETED', 'ENDED_EARLY', 'CONVERTED', 'HIRED'])('%s: advisor and follow-up owner in-app', (to) => {
    expect(plan('ProposalStatusChanged', to, 'someone-else')).toEqual([`USER:advisor-1 ${K.PLACEMENT_PROGRESSED} IN_APP`, `USER:market-2 ${K.PLACEMENT_PROGRESSED} IN_APP`]);
  });

  it('moves nobody needs to hear about notify nobody', () => {
    for (const to of ['SUGGESTED', 'WITHDRAWN', 'DECLINED_BY_PARTICIPANT']) expect(plan('ProposalStatusChanged', to, 'advisor-1')).toEqual([]);
    expect(plan('ProposalStatusChanged', 'STARTED', 'advisor-1', { followUpOwnerId: null })).toEqual([]);
  });

  it('FollowUpScheduled: the follow-up owner, unless they scheduled it', () => {
    expect(plan('FollowUpScheduled', null, 'advisor-1')).toEqual([`USER:market-2 ${K.FOLLOW_UP_SCHEDULED} IN_APP`]);
    expect(plan('FollowUpScheduled', null, 'market-2')).toEqual([]);
  });

  it('ProposalCreated: the advisor, only when someone else suggested their participant', () => {
    expect(plan('ProposalCreated', 'SUGGESTED', 'market-1')).toEqual([`USER:advisor-1 ${K.CANDIDATE_SUGGESTED} IN_APP`]);
    expect(plan('ProposalCreated', 'SUGGESTED', 'advisor-1', { createdById: 'advisor-1' })).toEqual([]);
    expect(plan('ProposalCreated', 'SUGGESTED', 'market-1', { advisorId: null })).toEqual([]);
  });

  it('has a rule for every event type the relay sends to the notifications queue', () => {
    for (const type of NOTIFICATION_EVENTS) expect(plan(type, type === 'ProposalStatusChanged' ? 'ACCEPTED' : 'SUGGESTED', 'someone-else').length).toBeGreaterThan(0);
  });

  it('channels are only those a recipient can be reached on', () => {
    const planned = planEventNotifications({ type: 'ProposalStatusChanged', to: 'PROPOSED', actorId: 'x' }, audience);
    expect(planned.find((p) => p.recipient.id === 'contact-none')).toBeUndefined();
    expect(planned.filter((p) => p.recipient.kind === 'EMPLOYER_CONTACT').every((p) => !p.channels.includes(Channel.IN_APP))).toBe(true);
  });
});
