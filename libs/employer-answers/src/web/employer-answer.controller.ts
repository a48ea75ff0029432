import { Body, Controller, Get, Headers, Logger, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type AnswerForm, type AnswerPage, EmployerAnswers, type Language } from '../application/employer-answers.service.js';
import { AnswerLinkProblem } from '../domain/answer-link.exception.js';
import { ANSWER_PAGE_HEADERS, renderAnswerPage, renderErrorPage } from './answer-page.html.js';

const language = (value: unknown): Language | null => (value === 'nb' || value === 'en' ? value : null);

/**
 * The page an employer contact reaches from the email: no account, no JavaScript. The token in the path
 * is the only credential (the auth hook lets `/answer/` through), and it is single-use, so the POST
 * needs no separate CSRF token; cross-site form posts are refused all the same.
 */
@Controller('answer')
export class EmployerAnswerController {
  private readonly log = new Logger(EmployerAnswerController.name);

  constructor(private readonly answers: EmployerAnswers) {}

  @Get(':token')
  async show(@Param('token') token: string, @Query('lang') lang: unknown, @Res() reply: FastifyReply): Promise<void> {
    await this.respond(reply, language(lang), () => this.answers.show(token));
  }

  @Post(':token')
  async answer(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Body() body: unknown,
    @Headers('sec-fetch-site') fetchSite: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form: AnswerForm = body && typeof body === 'object' ? (body as AnswerForm) : {};
    // Browsers say where a form post comes from; another site has no business answering (the token should never leak there).
    if (fetchSite === 'cross-site') {
      await this.respond(reply, language(lang), async (): Promise<AnswerPage> => ({ kind: 'LINK_PROBLEM', problem: AnswerLinkProblem.INVALID }));
      return;
    }
    await this.respond(reply, language(lang), () => this.answers.answer(token, form));
  }

  private async respond(reply: FastifyReply, lang: Language | null, page: () => Promise<AnswerPage>): Promise<void> {
    let rendered;
    try {
      rendered = renderAnswerPage(await page(), lang);
    } catch (err) {
      // Never the token, never a stack trace on the page.
      this.log.error(`employer answer page failed: ${(err as Error)?.message ?? String(err)}`, (err as Error)?.stack);
      rendered = renderErrorPage(lang);
    }
    await reply.status(rendered.status).headers(ANSWER_PAGE_HEADERS).send(rendered.body);
  }
}
