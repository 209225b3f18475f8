import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from './platform/clock/clock.js';
import { packageRoot } from './platform/package-root.js';
import type { Config } from './platform/config/config.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { errorHandler, unauthorized } from './platform/http/errors.js';
import { sessionRequiredFor } from './platform/http/access-paths.js';
import { openApiOptions } from './platform/http/openapi.js';
import { registerStrictInput } from './platform/http/strict-input.js';
import { readSessionCookie } from './platform/auth/session.js';
import { readPortalCookie } from './platform/auth/portal-session.js';
import { portalRoutes } from './modules/portal/routes.js';
import { portalViewRoutes } from './modules/portal/view-routes.js';
import { messageRoutes } from './modules/message/routes.js';
import { familyMeetingRoutes } from './modules/family-meeting/routes.js';
import { childPageRoutes } from './modules/child-page/routes.js';
import { familyContactRoutes } from './modules/contact/family-routes.js';
import { consentRoutes } from './modules/consent/routes.js';
import { partnerRoutes } from './modules/partner/routes.js';
import { documentRoutes } from './modules/document/routes.js';
import { surveyLinkRoutes, surveyPortalRoutes } from './modules/survey/portal-routes.js';
import { surveyRoutes } from './modules/survey/routes.js';
import { surveyAnalysisRoutes } from './modules/survey-analysis/routes.js';
import type { OidcSettings } from './modules/portal/oidc.js';
import { adminRoutes } from './modules/admin/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { caseRoutes } from './modules/case/routes.js';
import { familyRoutes } from './modules/family/routes.js';
import { legalBasisRoutes } from './modules/legal-basis/routes.js';
import { measureRoutes } from './modules/measure/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { meetingRoutes } from './modules/meeting/routes.js';
import { flowRoutes } from './modules/flow/routes.js';
import { followUpRoutes } from './modules/follow-up/routes.js';
import { contactRoutes } from './modules/contact/routes.js';
import { worklistRoutes } from './modules/worklist/routes.js';
import { annualWheelRoutes } from './modules/annual-wheel/routes.js';
import { planRoutes } from './modules/plan/routes.js';
import { childVoiceRoutes } from './modules/child-voice/routes.js';
import { screeningRoutes } from './modules/screening/routes.js';
import { notificationRoutes } from './modules/notification/routes.js';
import { decisionRoutes } from './modules/decision/routes.js';
import { yearlyAmountRoutes } from './modules/yearly-amount/routes.js';
import { competenceRoutes } from './modules/competence/routes.js';
import { proposalRoutes } from './modules/proposal/routes.js';
import { committeeRoutes } from './modules/committee/routes.js';
import { financingRoutes } from './modules/financing/routes.js';
import { costReportRoutes } from './modules/cost-report/routes.js';
import { leadershipRoutes } from './modules/leadership/routes.js';
import { statusMeasurementRoutes } from './modules/status-measurement/routes.js';
import { handoverRoutes } from './modules/handover/routes.js';
import { transitionTrackRoutes } from './modules/transition/routes.js';
import { leadersMeetingRoutes } from './modules/leaders-meeting/routes.js';
import { learningGoalRoutes } from './modules/learning-goal/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { reminderRoutes } from './modules/reminders/routes.js';
import { outboxAdminRoutes } from './platform/outbox/admin.js';

export interface AppDeps {
  database: DatabaseHandle;
  clock: Clock;
  config: Pick<Config, 'sessionSecret' | 'secureCookies' | 'logLevel' | 'production'>;
  /** Login attempts per IP per minute (lower in tests). */
  loginRateLimit?: number;
  /** PUBLIC_URL: the address in calendar links and feed URLs; without it, the address a request came in on. */
  publicUrl?: string;
  logger?: boolean;
  /** Family portal (issue 5 item 1): OpenID Connect login (OIDC_*); without it only the one-time code login is offered. */
  oidc?: OidcSettings;
  /** Portal login codes asked for / tried per address per 15 minutes (verify allows twice as many); default 5. */
  portalAddressRateLimit?: number;
  /** The portal login start answers no sooner than this (ms), known address or not; default 300. */
  portalStartMinMs?: number;
  /** Called after a portal login code was enqueued, so the outbox worker delivers it without waiting for its tick. */
  outboxKick?: (municipalityId: string) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const webDir = join(packageRoot, 'dist/web');

/** Builds the HTTP app: the platform (security headers, cookies, errors, OpenAPI), then each module's routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger === false ? false : {
      level: deps.config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    bodyLimit: 256 * 1024,
    trustProxy: deps.config.production,
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  // Every route's input is strict (unknown fields, NUL, lone surrogates, int4 overflow, invalid UTF-8 are 400s):
  // registered before @fastify/swagger and every route, so the document and every new route get it (style.md §8).
  registerStrictInput(app);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyCookie, { secret: deps.config.sessionSecret });
  await app.register(fastifyRateLimit, { global: false });

  // Every operation's error answers and security are added centrally (platform/http/openapi.ts).
  await app.register(fastifySwagger, openApiOptions({
    title: 'Tovholder API', version: '0.1.0', description: 'Case coordination for children with disabilities and their families (EFEI and SOF).',
  }));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Authentication comes before validation: without a session, a caller learns nothing from an endpoint's rules.
  // (The session itself is checked inside each request's tenant transaction, see platform/auth/session.ts.)
  // Which paths are public, staff or portal is one list (platform/http/access-paths.ts), shared with the OpenAPI document.
  app.addHook('onRequest', async (request) => {
    const needs = sessionRequiredFor(request.url.split('?')[0]!);
    if (needs === 'portal' && !readPortalCookie(request)) throw unauthorized();
    if (needs === 'staff' && !readSessionCookie(request)) throw unauthorized();
  });

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await deps.database.db.selectFrom('legal_bases').select('id').limit(1).execute();
    return { status: 'ok', database: deps.database.engine };
  });

  // Barnets Lov §18 screening and §137 notifications (issue 7).
  await app.register(screeningRoutes, { prefix: '/api' });
  await app.register(notificationRoutes, { prefix: '/api' });
  for (const routes of [authRoutes, adminRoutes, legalBasisRoutes, familyRoutes, caseRoutes, measureRoutes, searchRoutes, meetingRoutes, flowRoutes,
    followUpRoutes, contactRoutes, worklistRoutes, annualWheelRoutes, calendarRoutes, reminderRoutes, outboxAdminRoutes, planRoutes, childVoiceRoutes,
    decisionRoutes, yearlyAmountRoutes, competenceRoutes]) {
    await app.register(routes, { prefix: '/api' });
  }
  // Issue 9 items 3-6: handover and deputies, transition track, leaders' meetings, learning goals.
  for (const routes of [handoverRoutes, transitionTrackRoutes, leadersMeetingRoutes, learningGoalRoutes]) {
    await app.register(routes, { prefix: '/api' });
  }
  // Core-team proposals and votes, the visitation committee (issue 8 items 2-3).
  await app.register(proposalRoutes, { prefix: '/api' });
  await app.register(committeeRoutes, { prefix: '/api' });
  // Shared financing, cost postings, cost reports and the expense analysis (issue 8 items 4-6).
  await app.register(financingRoutes, { prefix: '/api' });
  await app.register(costReportRoutes, { prefix: '/api' });
  // Fidelity status measurements (issue 9 item 7 = issue 10 item 6).
  await app.register(statusMeasurementRoutes, { prefix: '/api' });
  // The family portal (issue 5 item 1).
  await app.register(portalRoutes, { prefix: '/api' });
  // What the family sees: contact person, agreements, meetings, minutes, årshjul (issue 5 item 2).
  await app.register(portalViewRoutes, { prefix: '/api' });
  // What the family does in the portal, and the child's page (issue 5 items 3 and 5).
  for (const routes of [messageRoutes, familyMeetingRoutes, childPageRoutes, familyContactRoutes]) {
    await app.register(routes, { prefix: '/api' });
  }
  // Consent to share and the partner view (issue 5 items 3-4).
  await app.register(consentRoutes, { prefix: '/api' });
  await app.register(partnerRoutes, { prefix: '/api' });
  // Documents of a case, shared with the family and partners by classification (issue 5).
  await app.register(documentRoutes, { prefix: '/api' });
  // The surveys (issue 10): parents answer in the portal or by a one-time link, staff in the app; results for leaders.
  await app.register(surveyPortalRoutes, { prefix: '/api' });
  await app.register(surveyLinkRoutes, { prefix: '/api' });
  await app.register(surveyRoutes, { prefix: '/api' });
  await app.register(surveyAnalysisRoutes, { prefix: '/api' });
  // The leader dashboard: caseload, follow-up compliance, escalations (issue 9 items 1, 2, 8).
  await app.register(leadershipRoutes, { prefix: '/api' });

  if (existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !existsSync(join(webDir, 'index.html'))) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.`, details: [] } });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
