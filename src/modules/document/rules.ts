import { AppError, unprocessable } from '../../platform/http/errors.js';

/**
 * Issue 5: documents of a case, shared with the family ("minutes and documents shared with the family") and refused
 * clearly when oversized ("oversized … attachments → a clear 4xx"). A file is accepted by what its bytes are, not
 * only by what the browser says it is, and it is only ever served as an attachment (never rendered by the app).
 */

/**
 * The largest document: 10 MiB. Big enough for a scanned report or a phone photo of a signed paper, small enough to
 * keep in the row with its metadata (one transaction writes file, metadata and audit row) and to pass through a
 * JSON body as base64. Migration 0016 checks the same number.
 */
export const maxDocumentBytes = 10 * 1024 * 1024;

/** The request body limit of an upload: the base64 of the largest file, plus room for the title and file name. */
export const maxUploadBodyBytes = 4 * Math.ceil(maxDocumentBytes / 3) + 64 * 1024;

export const documentContentTypes = [
  'application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type DocumentContentType = (typeof documentContentTypes)[number];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * What the first bytes of each allowed type must be. DOCX is a ZIP container ("PK\3\4"); plain text has no magic
 * number, so it must be valid UTF-8 without NUL bytes (so a binary file cannot pass as text).
 */
const contentMatches: Record<DocumentContentType, (bytes: Uint8Array) => boolean> = {
  'application/pdf': (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]),
  'text/plain': (b) => {
    if (b.includes(0)) return false;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  },
};

/** 413 naming the limit, for an upload whose file (or body) is larger than maxDocumentBytes. */
export const documentTooLarge = () => new AppError(413, 'document_too_large', 'The document is larger than the limit of 10 MiB. Nothing was saved.', [
  { field: 'content', code: 'document_too_large', message: 'A document may be at most 10 MiB.' },
]);

/** Decodes the base64 content strictly: anything but canonical base64 is refused rather than silently truncated. */
export function decodeContent(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > maxDocumentBytes) throw documentTooLarge();
  if (bytes.length === 0 || bytes.toString('base64') !== base64) {
    throw unprocessable('document_content_invalid', 'The document content is not valid base64, or it is empty.', [
      { field: 'content', code: 'document_content_invalid', message: 'Send the file as base64.' },
    ]);
  }
  return bytes;
}

/** The declared type must be allowed, and the bytes must be of that type. */
export function checkDocumentType(contentType: string, bytes: Uint8Array): DocumentContentType {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!(documentContentTypes as readonly string[]).includes(type)) {
    throw unprocessable('document_type_not_allowed', 'Only PDF, PNG, JPEG, plain text and Word (DOCX) documents can be uploaded.', [
      { field: 'contentType', code: 'document_type_not_allowed', message: 'Choose a PDF, PNG, JPEG, text or Word (DOCX) file.' },
    ]);
  }
  if (!contentMatches[type as DocumentContentType](bytes)) {
    throw unprocessable('document_content_mismatch', 'The file\'s content does not match its type: it was refused.', [
      { field: 'content', code: 'document_content_mismatch', message: 'The file is not what its type says it is.' },
    ]);
  }
  return type as DocumentContentType;
}

/**
 * The stored file name: the last path segment only, without control characters or characters that break headers,
 * at most 200 characters. Never used to find a file: only shown and offered as the download's name.
 */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim().slice(-200);
  return base === '' || base === '.' || base === '..' ? 'dokument' : base;
}

/**
 * Content-Disposition for a download: always an attachment (never rendered inline), with an ASCII fallback name and
 * the real name in RFC 5987 encoding, so no file name can inject a header or a parameter.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = cleanFileName(fileName).replace(/[^\x20-\x7e]/g, '_').replace(/[\\"';]/g, '_');
  const encoded = encodeURIComponent(cleanFileName(fileName)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
