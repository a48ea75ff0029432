import { type DynamicModule, Global, Module } from '@nestjs/common';
import { EMPLOYER_ANSWER_LINK_OPTIONS, EMPLOYER_ANSWER_LINKS, type EmployerAnswerLinkOptions, EmployerAnswerLinks } from './application/employer-answer-links.service.js';

/**
 * Issuing answer links, for any process that emails them (api, worker). Global, so a notifications
 * module can `@Inject(EMPLOYER_ANSWER_LINKS)` once this is imported anywhere in the app.
 */
@Global()
@Module({
  providers: [EmployerAnswerLinks, { provide: EMPLOYER_ANSWER_LINKS, useExisting: EmployerAnswerLinks }],
  exports: [EmployerAnswerLinks, EMPLOYER_ANSWER_LINKS],
})
export class EmployerAnswerLinksModule {
  /** Overrides the defaults (links expire after 14 days). */
  static forRoot(options: Partial<EmployerAnswerLinkOptions>): DynamicModule {
    return { module: EmployerAnswerLinksModule, providers: [{ provide: EMPLOYER_ANSWER_LINK_OPTIONS, useValue: options }] };
  }
}
