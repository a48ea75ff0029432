import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#lib/config';
import { JobSchedulers } from './job-schedulers.js';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues.js';

export function redisConnection(redisUrl: string) {
  const u = new URL(redisUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password || undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers must wait out a Redis restart instead of failing jobs (BullMQ guidance).
    maxRetriesPerRequest: null,
  };
}

const rootModule = BullModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    connection: redisConnection(config.redisUrl),
    prefix: config.queuePrefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  }),
});
const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** The queues, and the one registry of job schedulers (shared by every module that imports this). */
@Module({ imports: [rootModule, queues], providers: [JobSchedulers], exports: [rootModule, queues, JobSchedulers] })
export class QueueModule {}
