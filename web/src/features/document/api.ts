import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** Documents of a case (issue 5; src/modules/document), as the API sends them. Lists never carry the file. */
export type Visibility = 'internal' | 'family' | 'partners';
export const visibilities: readonly Visibility[] = ['internal', 'family', 'partners'];

export interface CaseDocument {
  id: string; caseId: string; title: string; fileName: string; contentType: string; sizeBytes: number; sha256: string;
  visibility: Visibility; uploadedBy: string; uploadedAt: string; version: number;
}
export interface CaseDocuments { caseId: string; documents: CaseDocument[]; abilities: Abilities; maxBytes: number }
export interface DocumentUpload { title: string; fileName: string; contentType: string; content: string; visibility: Visibility }
export interface SharedDocument { id: string; title: string; fileName: string; contentType: string; sizeBytes: number; uploadedAt: string; childFirstName: string }

const id = (value: string) => encodeURIComponent(value);

export const documentApi = {
  list: (caseId: string) => api.get<CaseDocuments>(`/cases/${id(caseId)}/documents`),
  upload: (caseId: string, body: DocumentUpload) => api.post<CaseDocument>(`/cases/${id(caseId)}/documents`, body),
  update: (documentId: string, body: { title?: string; visibility?: Visibility; version: number }) => api.patch<CaseDocument>(`/documents/${id(documentId)}`, body),
  /** Removes the document at the version the list showed; a change meanwhile is 409 version_conflict. */
  remove: (documentId: string, version: number) => api.delete<void>(`/documents/${id(documentId)}?version=${version}`),
  portalList: () => api.get<{ documents: SharedDocument[] }>('/portal/documents', { quietUnauthorized: true }),
};

/** Download addresses: plain links, served by the API as attachments (never shown inline). */
export const downloadUrl = {
  staff: (documentId: string) => `/api/documents/${id(documentId)}/content`,
  portal: (documentId: string) => `/api/portal/documents/${id(documentId)}/content`,
  partner: (documentId: string) => `/api/partner/documents/${id(documentId)}/content`,
};

/** Some systems give no type for a Word file: the type from the extension then (the server checks the bytes anyway). */
const typeByExtension: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
export function contentTypeOf(file: File): string {
  return file.type || typeByExtension[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
}

/** The file as base64, read in the browser (the API takes JSON, no multipart). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** "2,4 MB" style sizes. */
export function formatSize(bytes: number, language: string): string {
  const locale = language.startsWith('da') ? 'da-DK' : 'en-GB';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 0 })} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
