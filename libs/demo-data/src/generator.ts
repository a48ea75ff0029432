/**
 * Deterministic, seeded demo data for Praksisbro: generates the rows (pure, see generate.ts) and loads them into an
 * empty, migrated database with batched multi-row INSERTs inside one transaction. Writes no outbox events: the demo
 * data is a snapshot, not a history of domain events.
 */
import type { ClientBase } from 'pg';
import { OrganisationKind, Role } from '#lib/access';
import { generateDemoData } from './generate.js';
import { insertRows, type TableSpec } from './insert.js';
import type {
  ConsentRow,
  DemoDataset,
  EmployerContactRow,
  EmployerRow,
  EmployerSiteRow,
  LanguageAssessmentRow,
  OrganisationRow,
  ParticipantRow,
  ParticipantTeacherRow,
  PlacementRow,
  Scale,
  SeedSummary,
  TableName,
  UserRow,
} from './model.js';

export { generateDemoData, slug } from './generate.js';

export interface SeedOptions {
  readonly scale: Scale;
  readonly seed?: number;
  /** Reference date (YYYY-MM-DD) for all relative dates; defaults to today (UTC). */
  readonly today?: string;
  readonly log?: (msg: string) => void;
  /** Rows per INSERT statement (default 5,000). */
  readonly batchSize?: number;
}

/** Thrown when the database already has organisations: demo data is never mixed into real data. */
export class DemoDataPresentError extends Error {
  constructor() {
    super('Refusing to seed demo data: the organisations table is not empty');
    this.name = 'DemoDataPresentError';
  }
}

const ORGANISATIONS: TableSpec<OrganisationRow> = {
  table: 'organisations',
  columns: ['id', 'name', 'kind', 'area_code', 'municipality', 'nav_office_id', 'employer_id', 'created_at'],
};
const USERS: TableSpec<UserRow> = {
  table: 'users',
  columns: ['id', 'email', 'name', 'role', 'organisation_id', 'language', 'active', 'created_at'],
};
const EMPLOYERS: TableSpec<EmployerRow> = {
  table: 'employers',
  columns: ['id', 'org_number', 'name', 'sector', 'description', 'owner_office_id', 'archived_at', 'created_by_id', 'created_at', 'updated_at'],
};
const EMPLOYER_SITES: TableSpec<EmployerSiteRow> = {
  table: 'employer_sites',
  columns: ['id', 'employer_id', 'name', 'address', 'area_code', 'latitude', 'longitude', 'created_at'],
};
const EMPLOYER_CONTACTS: TableSpec<EmployerContactRow> = {
  table: 'employer_contacts',
  columns: ['id', 'employer_id', 'site_id', 'name', 'title', 'email', 'phone', 'language', 'created_at'],
};
const PARTICIPANTS: TableSpec<ParticipantRow> = {
  table: 'participants',
  columns: [
    'id', 'organisation_id', 'advisor_id', 'status', 'first_name', 'last_name', 'birth_year', 'phone', 'email',
    'preferred_languages', 'interpreter_needed', 'protection_basis', 'settlement_date', 'programme_start', 'programme_end',
    'part_time', 'final_goal', 'oral_level', 'oral_source', 'listening_level', 'listening_source', 'reading_level',
    'reading_source', 'writing_level', 'writing_source', 'other_languages', 'education', 'experience', 'certificates',
    'wanted_occupations', 'long_term_occupations', 'sectors_of_interest', 'sectors_refused', 'available_from',
    'available_weekdays', 'hours_per_week', 'reachable_areas', 'max_travel_minutes', 'has_driving_licence', 'has_car',
    'constraints', 'family_notes', 'created_by_id', 'created_at', 'updated_at',
  ],
  json: ['other_languages', 'education', 'experience', 'constraints'],
};
const LANGUAGE_ASSESSMENTS: TableSpec<LanguageAssessmentRow> = {
  table: 'language_assessments',
  columns: ['id', 'participant_id', 'skill', 'level', 'source', 'assessed_on', 'note', 'recorded_by_id', 'recorded_at'],
};
const CONSENTS: TableSpec<ConsentRow> = {
  table: 'consents',
  columns: ['id', 'participant_id', 'scope', 'explained_in_language', 'interpreter_used', 'given_on', 'withdrawn_at', 'recorded_by_id', 'recorded_at'],
};
const PARTICIPANT_TEACHERS: TableSpec<ParticipantTeacherRow> = {
  table: 'participant_teachers',
  columns: ['participant_id', 'teacher_id', 'since'],
};
const PLACEMENTS: TableSpec<PlacementRow> = {
  table: 'placements',
  columns: [
    'id', 'type', 'status', 'title', 'description', 'tasks', 'sector', 'occupation_code', 'employer_id', 'site_id',
    'area_code', 'owner_organisation_id', 'posted_by_id', 'posted_by_kind', 'required_oral', 'required_listening',
    'required_reading', 'required_writing', 'open_to_low_norwegian', 'competences', 'certificates_required',
    'formal_competence_required', 'start_date', 'end_date', 'weekdays', 'hours_per_week', 'shift_work', 'capacity',
    'pairing', 'mentor_subsidy', 'supervisor_name', 'language_environment', 'can_lead_to_job', 'created_at', 'updated_at',
  ],
};

/** Row counts of a data set, per table. */
export function countRows(data: DemoDataset): Record<TableName, number> {
  return {
    organisations: data.organisations.length,
    users: data.users.length,
    employers: data.employers.length,
    employer_sites: data.employerSites.length,
    employer_contacts: data.employerContacts.length,
    participants: data.participants.length,
    language_assessments: data.languageAssessments.length,
    consents: data.consents.length,
    participant_teachers: data.participantTeachers.length,
    placements: data.placements.length,
  };
}

/** Inserts a generated data set in foreign-key order. The caller owns the transaction. */
export async function insertDemoData(client: ClientBase, data: DemoDataset, log: (msg: string) => void = () => undefined, batchSize = 5_000): Promise<void> {
  const step = async <Row extends object>(spec: TableSpec<Row>, rows: readonly Row[]): Promise<void> => {
    const started = performance.now();
    await insertRows(client, spec, rows, batchSize);
    log(`  ${spec.table}: ${rows.length.toLocaleString('en')} rows in ${Math.round(performance.now() - started)} ms`);
  };
  // Employer organisations point at employers, whose owner office is a NAV office: insert in two rounds.
  const isEmployerOrg = (o: OrganisationRow): boolean => o.kind === OrganisationKind.EMPLOYER;
  const isEmployerUser = (u: UserRow): boolean => u.role === Role.EMPLOYER;
  await step(ORGANISATIONS, data.organisations.filter((o) => !isEmployerOrg(o)));
  await step(USERS, data.users.filter((u) => !isEmployerUser(u)));
  await step(EMPLOYERS, data.employers);
  await step(EMPLOYER_SITES, data.employerSites);
  await step(EMPLOYER_CONTACTS, data.employerContacts);
  await step(ORGANISATIONS, data.organisations.filter(isEmployerOrg));
  await step(USERS, data.users.filter(isEmployerUser));
  await step(PARTICIPANTS, data.participants);
  await step(LANGUAGE_ASSESSMENTS, data.languageAssessments);
  await step(CONSENTS, data.consents);
  await step(PARTICIPANT_TEACHERS, data.participantTeachers);
  await step(PLACEMENTS, data.placements);
}

/**
 * Generates and loads the demo data in one transaction. Throws DemoDataPresentError (and writes nothing) when the
 * organisations table is not empty. Issues BEGIN/COMMIT itself, so pass a client that is not inside a transaction.
 */
export async function seedDemoData(client: ClientBase, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => undefined);
  await client.query('BEGIN');
  try {
    // Serialise concurrent seeders and keep writers out while we check emptiness and load.
    await client.query('LOCK TABLE organisations IN SHARE ROW EXCLUSIVE MODE');
    const present = await client.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM organisations) AS present');
    if (present.rows[0]?.present) throw new DemoDataPresentError();
    await client.query('SET LOCAL synchronous_commit = off');

    const generateStarted = performance.now();
    const data = generateDemoData({ scale: options.scale, seed: options.seed, today: options.today });
    const generateMs = Math.round(performance.now() - generateStarted);
    log(`Generated ${options.scale} data set (seed ${data.seed}, today ${data.today}) in ${generateMs} ms`);

    const insertStarted = performance.now();
    await insertDemoData(client, data, log, options.batchSize);
    await client.query('COMMIT');
    const insertMs = Math.round(performance.now() - insertStarted);
    log(`Inserted and committed in ${insertMs} ms`);
    return { scale: data.scale, seed: data.seed, today: data.today, counts: countRows(data), generateMs, insertMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
