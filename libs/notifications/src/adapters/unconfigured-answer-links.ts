import { AnswerLinksNotConfiguredError } from '../domain/notifications.errors.js';
import type { EmployerAnswerLinks } from '../domain/ports.js';

/** Used until libs/employer-answers binds EMPLOYER_ANSWER_LINKS: says so instead of inventing a link. */
export class UnconfiguredEmployerAnswerLinks implements EmployerAnswerLinks {
  async linkFor(_proposalId: string, _contactId: string): Promise<string> {
    throw new AnswerLinksNotConfiguredError();
  }
}
