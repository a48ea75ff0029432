import { allowedProposalTransitions, DEFAULT_CADENCE, followUpDates, isTerminal, ProposalStatus as S, transitionRule } from './proposal.js';

describe('proposal lifecycle', () => {
  it('walks from suggestion to hire', () => {
    const path = [S.SUGGESTED, S.PROPOSED, S.ACCEPTED, S.AGREED, S.STARTED, S.COMPLETED, S.HIRED];
    for (let i = 1; i < path.length; i++) expect(transitionRule(path[i - 1]!, path[i]!)).toBeDefined();
    expect(isTerminal(S.HIRED)).toBe(true);
  });

  it('lets only the employer side (or staff recording it) answer, and requires a reason to decline', () => {
    expect(allowedProposalTransitions(S.PROPOSED, 'EMPLOYER')).toEqual([S.ACCEPTED, S.DECLINED]);
    expect(allowedProposalTransitions(S.SUGGESTED, 'EMPLOYER')).toEqual([]);
    expect(transitionRule(S.PROPOSED, S.DECLINED)!.needsReason).toBe(true);
    expect(transitionRule(S.PROPOSED, S.ACCEPTED)!.needsReason).toBeUndefined();
  });

  it('refuses skipping steps and leaving terminal states', () => {
    expect(transitionRule(S.SUGGESTED, S.ACCEPTED)).toBeUndefined();
    expect(transitionRule(S.PROPOSED, S.STARTED)).toBeUndefined();
    for (const terminal of [S.DECLINED, S.WITHDRAWN, S.DECLINED_BY_PARTICIPANT, S.ENDED_EARLY, S.CONVERTED, S.HIRED]) {
      expect(isTerminal(terminal)).toBe(true);
      expect(allowedProposalTransitions(terminal)).toEqual([]);
    }
  });

  it('ends early or converts only once started', () => {
    expect(transitionRule(S.AGREED, S.ENDED_EARLY)).toBeUndefined();
    expect(transitionRule(S.STARTED, S.ENDED_EARLY)!.needsReason).toBe(true);
    expect(transitionRule(S.STARTED, S.CONVERTED)).toBeDefined();
  });
});

describe('follow-up cadence', () => {
  it('defaults to after two weeks, midway and at the end', () => {
    expect(followUpDates('2027-01-04', '2027-03-01', DEFAULT_CADENCE)).toEqual(['2027-01-18', '2027-02-01', '2027-03-01']);
  });
  it('every N days replaces the fixed points, and nothing falls outside the period', () => {
    expect(followUpDates('2027-01-04', '2027-02-01', { afterDays: [], midway: false, atEnd: false, everyDays: 10 })).toEqual(['2027-01-14', '2027-01-24']);
    expect(followUpDates('2027-01-04', '2027-01-10', DEFAULT_CADENCE)).toEqual(['2027-01-07', '2027-01-10']);
  });
});
