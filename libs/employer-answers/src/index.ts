export * from './domain/answer-link.exception.js';
export * from './domain/answer-token.js';
export * from './persistence/employer-answer-link.entity.js';
export * from './application/employer-answer-links.service.js';
export { ANSWER_PUBLIC_ROUTE, hideAnswerTokensInRequestLogs, redactAnswerToken } from './web/answer-routes.js';
export * from './employer-answer-links.module.js';
export * from './employer-answers.module.js';
