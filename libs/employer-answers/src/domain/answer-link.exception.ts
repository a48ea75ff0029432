/** Why an answer link cannot be used. The page says which, without saying more than the link holder may know. */
export enum AnswerLinkProblem {
  /** Malformed, tampered with, signed for another audience or key: as good as no link at all. */
  INVALID = 'INVALID',
  /** Correctly signed but not on record (or its proposal is not shown to employers): also a 404. */
  UNKNOWN = 'UNKNOWN',
  EXPIRED = 'EXPIRED',
  USED = 'USED',
}

export class AnswerLinkError extends Error {
  constructor(readonly problem: AnswerLinkProblem) {
    super(`The answer link is ${problem.toLowerCase()}`);
    this.name = 'AnswerLinkError';
  }

  /** 404 for links that never were (so probing learns nothing), 410 for links that were good once. */
  get httpStatus(): 404 | 410 {
    return this.problem === AnswerLinkProblem.EXPIRED || this.problem === AnswerLinkProblem.USED ? 410 : 404;
  }
}
