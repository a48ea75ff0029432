import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CefrLevel, EvidenceSource } from '#lib/core';

/** What an employer sees of a proposed candidate: a first name always, the rest only with consent to share the card. */
export interface CandidateCard {
  readonly participantId: string;
  readonly displayName: string;
  /** False when the participant has not consented to share the card: then nothing but the name is shown. */
  readonly shared: boolean;
  readonly norwegian: ReadonlyArray<{ skill: string; level: CefrLevel; source: EvidenceSource }>;
  readonly otherLanguages: ReadonlyArray<{ language: string; level: CefrLevel }>;
  readonly experience: ReadonlyArray<{ occupationCode: string; years: number }>;
  readonly certificates: readonly string[];
  readonly wantedOccupations: readonly string[];
}

@Injectable()
export class CandidateCards {
  constructor(private readonly dataSource: DataSource) {}

  /** Callers must have checked that the proposal is visible to the employer. */
  async forParticipants(ids: readonly string[]): Promise<Map<string, CandidateCard>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.first_name, p.last_name, p.oral_level, p.oral_source, p.listening_level, p.listening_source, p.reading_level, p.reading_source,
              p.writing_level, p.writing_source, p.other_languages, p.experience, p.certificates, p.wanted_occupations,
              EXISTS (SELECT 1 FROM consents c WHERE c.participant_id = p.id AND c.scope = 'SHARE_CARD_WITH_EMPLOYERS' AND c.withdrawn_at IS NULL) AS shared
         FROM participants p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    )) as Array<Record<string, any>>;
    const cards = new Map<string, CandidateCard>();
    for (const r of rows) {
      const displayName = `${r.first_name} ${String(r.last_name).charAt(0)}.`;
      if (!r.shared) {
        cards.set(r.id, { participantId: r.id, displayName, shared: false, norwegian: [], otherLanguages: [], experience: [], certificates: [], wantedOccupations: [] });
        continue;
      }
      const norwegian = (['oral', 'listening', 'reading', 'writing'] as const)
        .filter((s) => r[`${s}_level`] && r[`${s}_source`])
        .map((s) => ({ skill: s.toUpperCase(), level: r[`${s}_level`] as CefrLevel, source: r[`${s}_source`] as EvidenceSource }));
      cards.set(r.id, {
        participantId: r.id,
        displayName,
        shared: true,
        norwegian,
        otherLanguages: (r.other_languages ?? []).map((l: { language: string; level: CefrLevel }) => ({ language: l.language, level: l.level })),
        experience: (r.experience ?? []).map((e: { occupationCode: string; years: number }) => ({ occupationCode: e.occupationCode, years: e.years })),
        certificates: r.certificates ?? [],
        wantedOccupations: r.wanted_occupations ?? [],
      });
    }
    return cards;
  }
}
