export * from './queues.js';
export * from './queue.module.js';
export * from './job-schedulers.js';
