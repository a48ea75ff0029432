import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, OrganisationKind, Role } from '#lib/access';
import { UnauthenticatedError } from '#lib/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns a verified subject into an Actor: role and organisation come from the database, not the token. */
@Injectable()
export class ActorLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(userId: string): Promise<Actor> {
    if (!UUID.test(userId)) throw new UnauthenticatedError('Unknown user');
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.role, u.organisation_id, u.language, o.kind, o.employer_id
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1 AND u.active`,
      [userId],
    )) as Array<{ id: string; role: Role; organisation_id: string; language: 'nb' | 'en'; kind: OrganisationKind; employer_id: string | null }>;
    const row = rows[0];
    if (!row) throw new UnauthenticatedError('Unknown or deactivated user');
    return {
      userId: row.id,
      role: row.role,
      organisationId: row.organisation_id,
      organisationKind: row.kind,
      employerId: row.employer_id,
      language: row.language,
    };
  }
}
