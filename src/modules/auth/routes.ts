import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../../platform/audit/audit.js';
import { asUser, clearSessionCookie, originOf, setSessionCookie } from '../../platform/auth/session.js';
import { loadSessionUser, logIn, logOut } from './commands.js';
import { LoginInput, SessionView } from './schema.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.deps;
  const deps = { db: database.db, clock };

  app.post('/auth/login', {
    schema: { tags: ['auth'], body: LoginInput, response: { 200: SessionView } },
    config: { rateLimit: { max: app.deps.loginRateLimit ?? 10, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { user, session } = await logIn(database.db, clock, request.body, originOf(request));
    setSessionCookie(reply, session, config.secureCookies);
    return { user, csrfToken: session.csrfToken };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'], response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request, reply) => {
    await asUser(request, deps, async (trx, { ctx, sessionId }) => {
      await logOut(trx, sessionId, clock.now());
      await appendAudit(trx, {
        municipalityId: ctx.actor.municipalityId, at: clock.now(), actorUserId: ctx.actor.userId, actorRole: ctx.actor.roles.join(','),
        action: 'logout', entityType: 'session', origin: ctx.origin,
      });
    });
    clearSessionCookie(reply, config.secureCookies);
    return { ok: true as const };
  });

  app.get('/auth/session', { schema: { tags: ['auth'], response: { 200: SessionView } } }, async (request) =>
    asUser(request, deps, async (trx, { ctx, csrfToken }) => ({ user: await loadSessionUser(trx, ctx.actor.userId), csrfToken })));
};
