import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The console's files: HTML and CSS in `console/`, the compiled scripts in `dist/console/`. */
const PACKAGE_ROOT = join(__dirname, '..', '..');
const INDEX = join(PACKAGE_ROOT, 'console', 'index.html');
const STYLES = join(PACKAGE_ROOT, 'console', 'app.css');
const SCRIPTS = join(PACKAGE_ROOT, 'dist', 'console');

/** The file behind `/console/{name}` and its content type, or undefined when there is none. */
function consoleFile(name: string): { readonly path: string; readonly type: string } | undefined {
  if (name === 'app.css') return { path: STYLES, type: 'text/css; charset=utf-8' };
  if (/^[\w-]+\.js$/.test(name))
    return { path: join(SCRIPTS, name), type: 'text/javascript; charset=utf-8' };
  return undefined;
}

/** The agent console: a static page under `/console/` that talks to the admin API. */
export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (_request, reply) => reply.redirect('/console/'));
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await readFile(INDEX)),
  );
  app.get('/console/:file', async (request, reply) => {
    const file = consoleFile((request.params as { file: string }).file);
    if (!file)
      return reply
        .code(404)
        .send({ error: { code: 'NOT_FOUND', message: 'no such console file' } });
    try {
      return await reply
        .type(file.type)
        .header('cache-control', 'no-cache')
        .send(await readFile(file.path));
    } catch {
      return reply
        .code(404)
        .send({ error: { code: 'NOT_FOUND', message: 'no such console file' } });
    }
  });
}
