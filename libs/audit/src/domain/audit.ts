import { Role } from '#lib/access';

/** What an audit entry records: a read (in a view), or a change, export or erasure. */
export enum AuditKind {
  READ = 'READ',
  CHANGE = 'CHANGE',
  EXPORT = 'EXPORT',
  ERASURE = 'ERASURE',
}

/** Why personal data was processed. Callers may name it (`x-purpose` header); otherwise it follows from the operation. */
export enum AuditPurpose {
  CASE_WORK = 'CASE_WORK',
  MATCHING = 'MATCHING',
  PLACEMENT_PROCESS = 'PLACEMENT_PROCESS',
  LANGUAGE_TRAINING = 'LANGUAGE_TRAINING',
  DATA_SUBJECT_REQUEST = 'DATA_SUBJECT_REQUEST',
  ADMINISTRATION = 'ADMINISTRATION',
}

const MATCHING_FIELDS = new Set(['matchesForParticipant', 'candidatesForPlacement', 'explainMatch', 'proposeAllocation', 'allocationRun', 'requirementWhatIf']);
const PROCESS_FIELDS = new Set(['proposals', 'proposal', 'suggestProposal', 'changeProposalStatus', 'agreeProposal', 'logFollowUp', 'scheduleFollowUp', 'evaluateProposal']);

export function defaultPurpose(operation: string, role: Role): AuditPurpose {
  if (MATCHING_FIELDS.has(operation)) return AuditPurpose.MATCHING;
  if (PROCESS_FIELDS.has(operation) || role === Role.EMPLOYER) return AuditPurpose.PLACEMENT_PROCESS;
  if (operation === 'exportParticipantData' || operation === 'participantAccessHistory') return AuditPurpose.DATA_SUBJECT_REQUEST;
  if (role === Role.TEACHER) return AuditPurpose.LANGUAGE_TRAINING;
  if (role === Role.MARKET_CONTACT) return AuditPurpose.MATCHING;
  if (role === Role.ADMIN) return AuditPurpose.ADMINISTRATION;
  return AuditPurpose.CASE_WORK;
}

/** A caller-given purpose: a known code, or free text up to 200 characters (kept verbatim, trimmed). */
export function parsePurpose(header: string | string[] | undefined): string | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  return value.slice(0, 200);
}

export interface ReadGroup {
  readonly operation: string;
  readonly view: string;
  readonly participantIds: readonly string[];
}

/**
 * Per-request collector: however many rows a list shows, the request becomes one entry per
 * (operation, view) with the participant ids, not one entry per row.
 */
export class ReadCollector {
  private readonly groups = new Map<string, { operation: string; view: string; ids: Set<string> }>();

  saw(participantId: string, view: string, operation: string): void {
    const key = `${operation}\u0000${view}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { operation, view, ids: new Set() }));
    g.ids.add(participantId);
  }

  drain(): ReadGroup[] {
    const out = [...this.groups.values()].map((g) => ({ operation: g.operation, view: g.view, participantIds: [...g.ids] }));
    this.groups.clear();
    return out;
  }
}
