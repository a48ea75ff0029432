/** Row shapes of the demo data, keyed by the real (snake_case) column names of the initial migration. */
import type { CefrLevel, EvidenceSource, LanguageSkill, Sector, Weekday } from '#lib/core';
import type { OrganisationKind, Role } from '#lib/access';

export type Scale = 'demo' | 'national';

export interface ScaleSize {
  readonly employers: number;
  readonly participants: number;
  readonly placements: number;
}

export const SCALES: Readonly<Record<Scale, ScaleSize>> = {
  demo: { employers: 200, participants: 1_000, placements: 300 },
  national: { employers: 8_000, participants: 100_000, placements: 20_000 },
};

export const DEFAULT_SEED = 2024;

/** The fixed demo logins, always created, so the README and the demo script can name them. */
export const DEMO_USERS = {
  ADVISOR: 'advisor@demo.praksisbro.no',
  MARKET_CONTACT: 'market@demo.praksisbro.no',
  TEACHER: 'teacher@demo.praksisbro.no',
  EMPLOYER: 'employer@demo.praksisbro.no',
  ADMIN: 'admin@demo.praksisbro.no',
} as const satisfies Record<`${Role}`, string>;

export interface GenerateOptions {
  readonly scale: Scale;
  /** Same seed (and same `today`) ⇒ identical rows, ids included. */
  readonly seed?: number;
  /** Reference date (YYYY-MM-DD) that dates are relative to; defaults to the current UTC date. */
  readonly today?: string;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  area_code: string | null;
  municipality: string;
  nav_office_id: string | null;
  employer_id: string | null;
  created_at: string;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation_id: string;
  language: 'nb' | 'en';
  active: boolean;
  created_at: string;
}

export interface EmployerRow {
  id: string;
  org_number: string;
  name: string;
  sector: Sector;
  description: string | null;
  owner_office_id: string | null;
  archived_at: string | null;
  created_by_id: string;
  created_at: string;
  updated_at: string;
}

export interface EmployerSiteRow {
  id: string;
  employer_id: string;
  name: string;
  address: string;
  area_code: string;
  latitude: number;
  longitude: number;
  created_at: string;
}

export interface EmployerContactRow {
  id: string;
  employer_id: string;
  site_id: string | null;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  language: 'nb' | 'en';
  created_at: string;
}

export type ParticipantStatusName = 'ACTIVE' | 'ON_LEAVE' | 'COMPLETED' | 'ARCHIVED';
export type FinalGoalName = 'WORK' | 'EDUCATION' | 'WORK_AND_EDUCATION' | 'NOT_SET';

export interface EducationJson {
  level: 'NONE' | 'PRIMARY' | 'UPPER_SECONDARY' | 'VOCATIONAL' | 'HIGHER';
  field: string | null;
  country: string | null;
  years: number | null;
  recognition: 'NOT_APPLIED' | 'APPLIED' | 'RECOGNISED' | 'PARTLY_RECOGNISED' | 'REJECTED';
}

export interface ExperienceJson {
  occupationCode: string;
  years: number;
  country: string | null;
  description?: string | null;
}

export interface ConstraintsJson {
  noShiftWork: boolean;
  childcareDays: Weekday[];
  noCareForOppositeSex: boolean;
  noPorkOrAlcohol: boolean;
  healthLimitations?: string | null;
  maxHoursPerWeek?: number | null;
}

export interface ParticipantRow {
  id: string;
  organisation_id: string;
  advisor_id: string | null;
  status: ParticipantStatusName;
  first_name: string;
  last_name: string;
  birth_year: number;
  phone: string | null;
  email: string | null;
  preferred_languages: string[];
  interpreter_needed: boolean;
  protection_basis: 'COLLECTIVE_PROTECTION' | 'REFUGEE' | 'RESETTLEMENT_REFUGEE' | 'HUMANITARIAN' | 'FAMILY_REUNIFICATION';
  settlement_date: string;
  programme_start: string | null;
  programme_end: string | null;
  part_time: boolean;
  final_goal: FinalGoalName;
  oral_level: CefrLevel | null;
  oral_source: EvidenceSource | null;
  listening_level: CefrLevel | null;
  listening_source: EvidenceSource | null;
  reading_level: CefrLevel | null;
  reading_source: EvidenceSource | null;
  writing_level: CefrLevel | null;
  writing_source: EvidenceSource | null;
  other_languages: { language: string; level: CefrLevel }[];
  education: EducationJson[];
  experience: ExperienceJson[];
  certificates: string[];
  wanted_occupations: string[];
  long_term_occupations: string[];
  sectors_of_interest: Sector[];
  sectors_refused: Sector[];
  available_from: string | null;
  available_weekdays: Weekday[];
  hours_per_week: number;
  reachable_areas: string[];
  max_travel_minutes: number | null;
  has_driving_licence: boolean;
  has_car: boolean;
  constraints: ConstraintsJson;
  family_notes: string | null;
  created_by_id: string;
  created_at: string;
  updated_at: string;
}

export interface LanguageAssessmentRow {
  id: string;
  participant_id: string;
  skill: LanguageSkill;
  level: CefrLevel;
  source: EvidenceSource;
  assessed_on: string;
  note: string | null;
  recorded_by_id: string;
  recorded_at: string;
}

export interface ConsentRow {
  id: string;
  participant_id: string;
  scope: 'PROPOSE_TO_EMPLOYERS' | 'SHARE_CARD_WITH_EMPLOYERS' | 'CONTACT_BY_MESSAGE';
  explained_in_language: string;
  interpreter_used: boolean;
  given_on: string;
  withdrawn_at: string | null;
  recorded_by_id: string;
  recorded_at: string;
}

export interface ParticipantTeacherRow {
  participant_id: string;
  teacher_id: string;
  since: string;
}

export interface PlacementRow {
  id: string;
  type: 'LANGUAGE_PRACTICE' | 'WORK_PRACTICE' | 'SUBSIDISED_JOB' | 'JOB';
  status: 'DRAFT' | 'OPEN' | 'PAUSED' | 'FILLED' | 'CLOSED' | 'EXPIRED';
  title: string;
  description: string;
  tasks: string[];
  sector: Sector;
  occupation_code: string;
  employer_id: string;
  site_id: string;
  area_code: string;
  owner_organisation_id: string;
  posted_by_id: string;
  posted_by_kind: 'MARKET_CONTACT' | 'ADVISOR' | 'TEACHER' | 'EMPLOYER' | 'PARTICIPANT' | 'ADMIN';
  required_oral: CefrLevel | null;
  required_listening: CefrLevel | null;
  required_reading: CefrLevel | null;
  required_writing: CefrLevel | null;
  open_to_low_norwegian: boolean;
  competences: string[];
  certificates_required: string[];
  formal_competence_required: boolean;
  start_date: string;
  end_date: string | null;
  weekdays: Weekday[];
  hours_per_week: number;
  shift_work: boolean;
  capacity: number;
  pairing: boolean;
  mentor_subsidy: boolean;
  supervisor_name: string | null;
  language_environment: 'WORKS_WITH_COLLEAGUES' | 'MIXED' | 'MOSTLY_ALONE';
  can_lead_to_job: boolean;
  created_at: string;
  updated_at: string;
}

/** Everything the generator produces, in insert order per table. */
export interface DemoDataset {
  readonly scale: Scale;
  readonly seed: number;
  readonly today: string;
  readonly organisations: OrganisationRow[];
  readonly users: UserRow[];
  readonly employers: EmployerRow[];
  readonly employerSites: EmployerSiteRow[];
  readonly employerContacts: EmployerContactRow[];
  readonly participants: ParticipantRow[];
  readonly languageAssessments: LanguageAssessmentRow[];
  readonly consents: ConsentRow[];
  readonly participantTeachers: ParticipantTeacherRow[];
  readonly placements: PlacementRow[];
}

export type TableName =
  | 'organisations'
  | 'users'
  | 'employers'
  | 'employer_sites'
  | 'employer_contacts'
  | 'participants'
  | 'language_assessments'
  | 'consents'
  | 'participant_teachers'
  | 'placements';

export interface SeedSummary {
  readonly scale: Scale;
  readonly seed: number;
  readonly today: string;
  /** Rows inserted per table. */
  readonly counts: Readonly<Record<TableName, number>>;
  readonly generateMs: number;
  readonly insertMs: number;
}
