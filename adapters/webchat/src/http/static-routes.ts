import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The package folder: `dist/http` (or `src/http` under ts-node) is two levels down. */
const PACKAGE_ROOT = join(__dirname, '..', '..');
const SCRIPTS = join(PACKAGE_ROOT, 'dist', 'widget');
const DEMO = join(PACKAGE_ROOT, 'widget', 'demo.html');

/** Paths of the widget's script and the demo page, relative to the channel's prefix. */
export const STATIC_PATHS = { widget: '/widget.js', demo: '/demo' } as const;

async function sendFile(reply: FastifyReply, path: string, type: string): Promise<FastifyReply> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
  }
  return reply.type(type).header('cache-control', 'no-cache').send(bytes);
}

/**
 * The widget's script (a loader that imports its modules from `/widget/`) and the demo page.
 * Modules are served with CORS so that pages of other origins can import them.
 */
export async function staticRoutes(
  app: FastifyInstance,
  options: { demo: boolean },
): Promise<void> {
  const script = 'text/javascript; charset=utf-8';
  app.get(STATIC_PATHS.widget, async (_request, reply) =>
    sendFile(reply, join(SCRIPTS, 'loader.js'), script),
  );
  app.get<{ Params: { file: string } }>('/widget/:file', async (request, reply) => {
    const name = request.params.file;
    if (!/^[\w-]+\.js$/.test(name))
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
    return sendFile(reply, join(SCRIPTS, name), script);
  });
  if (options.demo)
    app.get(STATIC_PATHS.demo, async (_request, reply) =>
      sendFile(reply, DEMO, 'text/html; charset=utf-8'),
    );
}
