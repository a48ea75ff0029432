import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadMatchSnapshot, MatchEngine } from '#lib/matching';
import { REMINDER_SINK, type ReminderSink } from './reminder-sink.js';
import { osloToday } from './reminder-scanner.js';

const MAX_LISTED = 5;

/**
 * Each morning, each advisor gets one message with the placements opened in the last day that match
 * their participants (replacing the shared chat channel). One digest per advisor and day, ever.
 */
@Injectable()
export class DailyDigest {
  private readonly log = new Logger(DailyDigest.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REMINDER_SINK) private readonly sink: ReminderSink,
  ) {}

  async run(today: string = osloToday(), sinceHours = 24): Promise<{ advisors: number; sent: number }> {
    const fresh = (await this.dataSource.query(
      `SELECT id, title FROM placements WHERE status = 'OPEN' AND created_at >= now() - make_interval(hours => $1)`,
      [sinceHours],
    )) as Array<{ id: string; title: string }>;
    if (fresh.length === 0) return { advisors: 0, sent: 0 };
    const titles = new Map(fresh.map((p) => [p.id, p.title]));
    const engine = MatchEngine.build(await loadMatchSnapshot(this.dataSource));
    const caseloads = (await this.dataSource.query(
      `SELECT advisor_id, array_agg(id) AS participant_ids FROM participants WHERE status = 'ACTIVE' AND advisor_id IS NOT NULL GROUP BY advisor_id`,
    )) as Array<{ advisor_id: string; participant_ids: string[] }>;
    let sent = 0;
    for (const { advisor_id: advisorId, participant_ids: participantIds } of caseloads) {
      const matched = new Map<string, number>();
      for (const participantId of participantIds) {
        const list = engine.matchesForParticipant(participantId, {}, 100, (pl) => titles.has(pl.id));
        for (const item of list.items) matched.set(item.id, (matched.get(item.id) ?? 0) + 1);
      }
      if (matched.size === 0) continue;
      const top = [...matched.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_LISTED);
      const lines = (lang: 'nb' | 'en') => top.map(([id, n]) => `• ${titles.get(id)} (${n} ${lang === 'nb' ? (n === 1 ? 'deltaker' : 'deltakere') : n === 1 ? 'participant' : 'participants'})`).join('\n');
      const delivered = await this.dataSource.transaction(async (em) => {
        const inserted = (await em.query(
          `INSERT INTO reminders_fired (rule_code, subject_id, due_on, level, recipients) VALUES ('MATCH_DIGEST', $1, $2, 0, ARRAY[$1]::uuid[]) ON CONFLICT DO NOTHING RETURNING rule_code`,
          [advisorId, today],
        )) as unknown[];
        if (inserted.length === 0) return false;
        await this.sink.deliver(em, {
          key: `MATCH_DIGEST:${advisorId}:${today}:0`,
          rule: 'MATCH_DIGEST',
          level: 0,
          recipients: [advisorId],
          subject: { type: 'User', id: advisorId },
          texts: {
            nb: { title: `${matched.size} nye plasser passer dine deltakere`, body: lines('nb') },
            en: { title: `${matched.size} new placements match your participants`, body: lines('en') },
          },
        });
        return true;
      });
      if (delivered) sent++;
    }
    this.log.log(`daily digest: ${sent} advisors notified about ${fresh.length} new placements`);
    return { advisors: caseloads.length, sent };
  }
}
