import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '#lib/access';
import { DomainError, ErrorCode, NotFoundError, ValidationError } from '#lib/core';
import { InsightsService } from '../application/insights.service.js';
import { KPI_BY_SLUG, KpiDimension } from '../domain/definitions.js';
import { OutcomeMeasure } from '../domain/outcome.js';
import { reportCsv } from '../domain/report.js';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function parseGroupBy(value: string | undefined): KpiDimension[] | null {
  if (value === undefined) return null;
  const dims = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = dims.filter((d) => !(Object.values(KpiDimension) as string[]).includes(d));
  if (unknown.length > 0) throw ValidationError.field('groupBy', `${unknown.join(', ')} is not a dimension`);
  return dims as KpiDimension[];
}

function parseMeasure(value: string | undefined): OutcomeMeasure | null {
  if (value === undefined) return null;
  if (!(Object.values(OutcomeMeasure) as string[]).includes(value)) throw ValidationError.field('measuredAt', 'must be EXIT or ONE_YEAR_AFTER');
  return value as OutcomeMeasure;
}

/**
 * CSV export of every report: GET /reports/<name>.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&groupBy=UNIT,PROTECTION_BASIS][&measuredAt=EXIT].
 * The same bearer token, actor and scope as GraphQL (the api's auth hook has set `request.actor`);
 * errors are JSON with the GraphQL error codes and the matching HTTP status.
 */
@Controller('reports')
export class ReportsController {
  private readonly log = new Logger(ReportsController.name);

  constructor(private readonly insights: InsightsService) {}

  @Get(':file')
  async csv(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const actor = (request as FastifyRequest & { actor?: Actor }).actor;
      if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A bearer token is required (Authorization: Bearer <token>)');
      const spec = KPI_BY_SLUG.get(/^([a-z-]+)\.csv$/.exec(file)?.[1] ?? '');
      if (!spec) throw new NotFoundError('Report', file);
      const report = await this.insights.report(actor, spec.name, {
        period: { from: one(query.from), to: one(query.to) },
        groupBy: parseGroupBy(one(query.groupBy)),
        measuredAt: parseMeasure(one(query.measuredAt)),
      });
      const { filename, body } = reportCsv(report);
      await reply
        .status(200)
        .headers({
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
          'x-report-as-of': report.asOf.toISOString(),
          'x-report-final': String(report.final),
          'x-report-definitions-version': report.definitionsVersion,
        })
        .send(body);
    } catch (err) {
      if (err instanceof DomainError) {
        await reply.status(STATUS[err.code]).send({ errors: [{ message: err.message, extensions: { code: err.code, ...err.details } }] });
        return;
      }
      this.log.error(`report export failed: ${(err as Error)?.message ?? String(err)}`, (err as Error)?.stack);
      await reply.status(500).send({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  }
}
