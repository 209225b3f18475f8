import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { asUser } from '../../platform/auth/session.js';
import { errorHandler } from '../../platform/http/errors.js';
import { IdParams, Version } from '../../platform/http/fields.js';
import type { StoredFile } from './repo.js';
import {
  deleteDocument, getDocumentContent, getPartnerDocumentContent, getPortalDocumentContent, listDocuments, listPortalDocuments, updateDocument, uploadDocument,
} from './commands.js';
import { attachmentHeader, documentTooLarge, maxUploadBodyBytes } from './rules.js';
import { CaseDocuments, DocumentUpdate, DocumentUpload, DocumentView, PortalDocuments } from './schema.js';

/**
 * Serves a stored file so no browser renders it: an attachment with a safe name, the stored (checked) type, no
 * sniffing, a CSP that forbids everything should it be opened anyway, and no caching of personal data.
 */
function sendFile(reply: FastifyReply, file: StoredFile): FastifyReply {
  return reply.header('content-type', file.contentType).header('content-disposition', attachmentHeader(file.fileName))
    .header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store').send(file.content);
}

/**
 * An upload over the body limit is refused by Fastify before it is read in full: answered as 413 naming the 10 MiB limit.
 * errorHandler sends the reply itself; a route's errorHandler option is typed to return nothing.
 */
function uploadErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  errorHandler(error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? documentTooLarge() : error, request, reply);
}

/**
 * Issue 5: documents of a case. Staff: /cases/:id/documents and /documents/:id; the family: /portal/documents (GET
 * only, portal session); partners: /partner/documents/:id/content. Lists never carry the file; downloads are
 * attachments.
 */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['document'];

  app.get('/cases/:id/documents', { schema: { tags, params: IdParams, response: { 200: CaseDocuments } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listDocuments(trx, ctx, request.params.id)));
  app.post('/cases/:id/documents', {
    bodyLimit: maxUploadBodyBytes, errorHandler: uploadErrors,
    schema: { tags, params: IdParams, body: DocumentUpload, response: { 201: DocumentView } },
  }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => uploadDocument(trx, ctx, request.params.id, request.body))));
  app.get('/documents/:id/content', { schema: { tags, params: IdParams } }, async (request, reply) =>
    sendFile(reply, await asUser(request, deps, (trx, { ctx }) => getDocumentContent(trx, ctx, request.params.id))));
  app.patch('/documents/:id', { schema: { tags, params: IdParams, body: DocumentUpdate, response: { 200: DocumentView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateDocument(trx, ctx, request.params.id, request.body)));
  // Removed only at the version the caller saw: a reclassification meanwhile makes the removal stale (409), like measures.
  app.delete('/documents/:id', { schema: { tags, params: IdParams, querystring: z.object({ version: z.coerce.number().pipe(Version) }) } }, async (request, reply) => {
    await asUser(request, deps, (trx, { ctx }) => deleteDocument(trx, ctx, request.params.id, request.query.version));
    return reply.status(204).send();
  });

  // The family portal (issue 5 item 2): shared documents of the parent's own family.
  const portalTags = ['portal'];
  app.get('/portal/documents', { schema: { tags: portalTags, response: { 200: PortalDocuments } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => listPortalDocuments(trx, ctx)));
  app.get('/portal/documents/:id/content', { schema: { tags: portalTags, params: IdParams } }, async (request, reply) =>
    sendFile(reply, await asPortalUser(request, deps, (trx, { ctx }) => getPortalDocumentContent(trx, ctx, request.params.id))));

  // The partner view (issue 5 item 4): documents shared with partners, of a case the partner may see.
  app.get('/partner/documents/:id/content', { schema: { tags: ['partner'], params: IdParams } }, async (request, reply) =>
    sendFile(reply, await asUser(request, deps, (trx, { ctx }) => getPartnerDocumentContent(trx, ctx, request.params.id))));
};
