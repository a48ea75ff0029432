// Runs the api and the worker side by side; stops both when either exits or on Ctrl-C / SIGTERM.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const children = [
  spawn(process.execPath, ['dist/apps/api/src/main.js'], { stdio: 'inherit', env: process.env }),
  spawn(process.execPath, ['dist/apps/worker/src/main.js'], { stdio: 'inherit', env: process.env }),
];
let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10_000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
};
for (const c of children) c.once('exit', (code) => stop(code ?? 1));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Say where to go once the api answers.
const started = Date.now();
const poll = setInterval(async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    if (!res.ok) return;
    clearInterval(poll);
    process.stdout.write(
      [
        '',
        `Praksisbro is running: GraphQL at http://localhost:${port}/graphql (GraphiQL at /graphiql), health at /health`,
        'Get a bearer token for a demo user of each role (in another terminal):',
        ...['ADVISOR', 'MARKET_CONTACT', 'TEACHER', 'EMPLOYER', 'ADMIN'].map((r) => `  npm run token -- --role ${r}`),
        `Then: curl -H "Authorization: Bearer $(npm run -s token -- --role ADVISOR)" -H 'content-type: application/json' \\`,
        `       -d '{"query":"{ me { name role organisation { name } } }"}' http://localhost:${port}/graphql`,
        '',
      ].join('\n'),
    );
  } catch {
    if (Date.now() - started > 60_000) clearInterval(poll);
  }
}, 500);
