import { z } from 'zod';
import { Abilities, Id, RequiredText, Version } from '../../platform/http/fields.js';
import { VisibilityField, visibilities } from '../../platform/policy/visibility.js';

/** Issue 5: documents of a case — upload, list, reclassify — as the API takes and gives them. */

export const DocumentUpload = z.object({
  title: RequiredText(200),
  fileName: RequiredText(255),
  /** The browser's type of the file; checked against the allowed types and against the file's first bytes. */
  contentType: z.string().trim().min(1, 'required: This field is required.').max(200),
  /** The file as base64 (at most 10 MiB decoded; the route's body limit and rules.ts enforce it). */
  content: z.string().min(1, 'required: Choose a file.'),
  visibility: VisibilityField.default('internal'),
});
export type DocumentUpload = z.infer<typeof DocumentUpload>;

export const DocumentUpdate = z.object({
  title: RequiredText(200).optional(),
  visibility: VisibilityField.optional(),
  version: Version,
});
export type DocumentUpdate = z.infer<typeof DocumentUpdate>;

/** A document without its content (lists never carry the bytes; the download is its own, audited request). */
export const DocumentView = z.object({
  id: Id,
  caseId: Id,
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  visibility: z.enum(visibilities),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  version: z.number().int(),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const CaseDocuments = z.object({
  caseId: Id,
  /** Newest first. */
  documents: z.array(DocumentView),
  /** canUpload: upload, reclassify and delete (edit rights on the case). */
  abilities: Abilities,
  /** The largest file accepted, in bytes (10 MiB), so the web app can refuse a larger one before sending it. */
  maxBytes: z.number().int(),
});
export type CaseDocuments = z.infer<typeof CaseDocuments>;

/** A document as the family (or a partner) sees it: no uploader, no classification internals, no content. */
export const SharedDocument = z.object({
  id: Id,
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  childFirstName: z.string(),
});
export type SharedDocument = z.infer<typeof SharedDocument>;

export const PortalDocuments = z.object({ documents: z.array(SharedDocument) });
export type PortalDocuments = z.infer<typeof PortalDocuments>;
