import { loadConfigOrExit } from '#lib/config';
import { createWorker } from './bootstrap.js';

const config = loadConfigOrExit();
await createWorker(config);
