import { loadConfigOrExit } from '#lib/config';
import { createApiApp } from './bootstrap.js';

const config = loadConfigOrExit();
const app = await createApiApp(config);
await app.listen({ port: config.port, host: '0.0.0.0' });
app.getHttpAdapter().getInstance().log.info({ url: `${config.publicUrl}/graphql` }, 'Praksisbro api ready');
