import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '#lib/config';
import { createLogger, PinoNestLogger } from '#lib/logging';
import { WorkerModule } from './worker.module.js';

export async function createWorker(config: AppConfig, logger: Logger = createLogger(config.logLevel, 'worker')): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  return app;
}
