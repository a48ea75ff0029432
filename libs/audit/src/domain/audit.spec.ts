import { Role } from '#lib/access';
import { AuditPurpose, defaultPurpose, parsePurpose, ReadCollector } from './audit.js';

describe('audit collector', () => {
  it('folds a list of reads into one group per operation and view, de-duplicated', () => {
    const c = new ReadCollector();
    for (const id of ['a', 'b', 'a', 'c']) c.saw(id, 'FULL', 'participants');
    c.saw('a', 'CARD', 'proposal');
    expect(c.drain()).toEqual([
      { operation: 'participants', view: 'FULL', participantIds: ['a', 'b', 'c'] },
      { operation: 'proposal', view: 'CARD', participantIds: ['a'] },
    ]);
    expect(c.drain()).toEqual([]);
  });

  it('derives the purpose from the operation and role unless the caller names one', () => {
    expect(defaultPurpose('candidatesForPlacement', Role.ADVISOR)).toBe(AuditPurpose.MATCHING);
    expect(defaultPurpose('participant', Role.ADVISOR)).toBe(AuditPurpose.CASE_WORK);
    expect(defaultPurpose('proposal', Role.EMPLOYER)).toBe(AuditPurpose.PLACEMENT_PROCESS);
    expect(defaultPurpose('participants', Role.TEACHER)).toBe(AuditPurpose.LANGUAGE_TRAINING);
    expect(parsePurpose('  Forberedelse til trekantsamtale ')).toBe('Forberedelse til trekantsamtale');
    expect(parsePurpose('')).toBeNull();
    expect(parsePurpose('x'.repeat(500))!.length).toBe(200);
  });
});
