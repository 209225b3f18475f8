import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  asPortalUser, clearPortalCookie, setPortalCookie,
} from '../../platform/auth/portal-session.js';
import { originOf } from '../../platform/auth/session.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { PlanView } from '../plan/schema.js';
import { getPreference, setPreference } from '../reminders/commands.js';
import { ReminderPreferenceInput, ReminderPreferenceView } from '../reminders/schema.js';
import { getOwnPlan, getPortalMe, logInByCpr, logOutOfPortal, startCodeLogin, verifyCodeLogin, type PortalDeps } from './commands.js';
import { OidcLoginError, PortalOidc, type OidcTransaction } from './oidc.js';
import { addressHash, parseAddress } from './rules.js';
import { PortalLoggedIn, PortalLoginOptions, PortalLoginStart, PortalLoginStarted, PortalLoginVerify, PortalMe } from './schema.js';

/** The OIDC login's state, nonce and PKCE verifier, kept in the browser that started it; 10 minutes. */
const oidcCookie = 'tovholder_portal_oidc';
const oidcCookiePath = '/api/portal/oidc';

/**
 * The family portal's HTTP routes (issue 5 item 1), under /api/portal. The login routes need no session; the rest
 * need a portal session (app.ts refuses a staff cookie here, and a portal cookie on staff routes).
 */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.deps;
  const tags = ['portal'];
  const sessionDeps = { db: database.db, clock };
  const portal: PortalDeps = {
    db: database.db, clock, secret: config.sessionSecret, production: config.production, enqueued: app.deps.outboxKick,
  };
  const oidc = app.deps.oidc ? new PortalOidc(app.deps.oidc, !config.production) : null;
  const perIp = { max: app.deps.loginRateLimit ?? 10, timeWindow: '1 minute' };
  const addressLimit = app.deps.portalAddressRateLimit ?? 5;
  const minStartMs = app.deps.portalStartMinMs ?? 300;

  /** Per address (whoever asks), on top of the per-IP limit: the same 429 for known and unknown addresses. */
  const perAddress = (purpose: string, max: number) => app.createRateLimit({
    max, timeWindow: '15 minutes',
    keyGenerator: (request: FastifyRequest) => {
      const address = parseAddress(String((request.body as { address?: unknown } | undefined)?.address ?? ''));
      return `portal-${purpose}:${address ? addressHash(config.sessionSecret, address) : 'invalid'}`;
    },
  });
  const startLimit = perAddress('start', addressLimit);
  const verifyLimit = perAddress('verify', addressLimit * 2);
  const checkLimit = async (limit: typeof startLimit, request: FastifyRequest) => {
    const result = await limit(request);
    // createRateLimit counts the request and reports isAllowed only for allow-listed keys; over the limit is isExceeded.
    if (!result.isAllowed && result.isExceeded) throw new AppError(429, 'rate_limited', 'Too many attempts for this address. Try again later.');
  };

  app.get('/portal/login/options', { schema: { tags, response: { 200: PortalLoginOptions } } }, async () => ({ oidc: oidc !== null }));

  app.post('/portal/login/start', {
    schema: { tags, body: PortalLoginStart, response: { 202: PortalLoginStarted } },
    config: { rateLimit: perIp },
  }, async (request, reply) => {
    const began = performance.now();
    await checkLimit(startLimit, request);
    const started = await startCodeLogin(portal, request.body, originOf(request));
    // Known and unknown addresses answer after the same minimum time, so timing does not tell them apart.
    const wait = minStartMs - (performance.now() - began);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return reply.status(202).send(started);
  });

  app.post('/portal/login/verify', {
    schema: { tags, body: PortalLoginVerify, response: { 200: PortalLoggedIn } },
    config: { rateLimit: perIp },
  }, async (request, reply) => {
    await checkLimit(verifyLimit, request);
    const session = await verifyCodeLogin(portal, request.body, originOf(request));
    setPortalCookie(reply, session, config.secureCookies);
    return { csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  });

  app.post('/portal/logout', { schema: { tags, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request, reply) => {
    await asPortalUser(request, sessionDeps, (trx, { ctx, sessionId }) => logOutOfPortal(trx, ctx, sessionId));
    clearPortalCookie(reply, config.secureCookies);
    return { ok: true as const };
  });

  app.get('/portal/me', { schema: { tags, response: { 200: PortalMe } } }, async (request) =>
    asPortalUser(request, sessionDeps, (trx, { ctx, sessionId, csrfToken }) => getPortalMe(trx, ctx, sessionId, csrfToken)));

  app.get('/portal/plan', { schema: { tags, response: { 200: PlanView } } }, async (request) =>
    asPortalUser(request, sessionDeps, (trx, { ctx }) => getOwnPlan(trx, ctx)));

  // The parent's own choice of meeting reminders (issue 4 item 7), now made in the portal.
  app.get('/portal/reminder-preference', { schema: { tags, response: { 200: ReminderPreferenceView } } }, async (request) =>
    asPortalUser(request, sessionDeps, (trx, { ctx }) => getPreference(trx, ctx, ctx.actor.personId!)));
  app.put('/portal/reminder-preference', { schema: { tags, body: ReminderPreferenceInput, response: { 200: ReminderPreferenceView } } }, async (request) =>
    asPortalUser(request, sessionDeps, (trx, { ctx }) => setPreference(trx, ctx, ctx.actor.personId!, request.body)));

  app.get('/portal/oidc/start', { schema: { tags, hide: false }, config: { rateLimit: perIp } }, async (_request, reply) => {
    if (!oidc) throw notFound('Login with OpenID Connect');
    const { url, transaction } = await oidc.start();
    reply.setCookie(oidcCookie, JSON.stringify(transaction), {
      // Lax: the provider sends the browser back with a top-level GET from its own site.
      path: oidcCookiePath, httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true, maxAge: 600,
    });
    return reply.redirect(url, 302);
  });

  app.get('/portal/oidc/callback', { schema: { tags }, config: { rateLimit: perIp } }, async (request, reply) => {
    if (!oidc) throw notFound('Login with OpenID Connect');
    const transaction = readTransaction(request);
    reply.clearCookie(oidcCookie, { path: oidcCookiePath, httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true });
    if (!transaction) return reply.redirect('/portal/login?error=oidc_failed', 302);
    let cpr: string;
    try {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      cpr = await oidc.finish(query, transaction);
    } catch (error) {
      // Never the tokens, the code or a CPR number in the log: the kind of failure only.
      request.log.warn({ err: error instanceof OidcLoginError ? error.message : (error as Error).name }, 'portal: OpenID Connect login failed');
      return reply.redirect('/portal/login?error=oidc_failed', 302);
    }
    const session = await logInByCpr(portal, cpr, originOf(request));
    if (!session) return reply.redirect('/portal/login?error=oidc_no_match', 302);
    setPortalCookie(reply, session, config.secureCookies);
    return reply.redirect('/portal', 302);
  });
};

function readTransaction(request: FastifyRequest): OidcTransaction | null {
  const raw = request.cookies[oidcCookie];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const value = JSON.parse(unsigned.value) as Partial<OidcTransaction>;
    if (typeof value.state !== 'string' || typeof value.nonce !== 'string' || typeof value.verifier !== 'string') return null;
    return { state: value.state, nonce: value.nonce, verifier: value.verifier };
  } catch {
    return null;
  }
}
