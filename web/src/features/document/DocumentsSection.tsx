import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { FieldError, FieldGroup, FieldHint, FieldLabel, fieldAria } from '../../components/form/FieldParts';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { formatDate } from '../../lib/format';
import { useScopedForm } from '../flow/errors';
import { contentTypeOf, documentApi, downloadUrl, formatSize, readAsBase64, visibilities, type CaseDocument, type Visibility } from './api';

/**
 * Issue 5: the case's documents — upload (read in the browser as base64, at most 10 MiB), download, "Deles med"
 * and delete. The server checks the file's type by its bytes and decides who sees what; the buttons follow the
 * abilities it sends.
 */
export function DocumentsSection({ item }: { item: Case }) {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => documentApi.list(item.id), `documents-${item.id}`);
  const data = resource.data;
  const [message, setMessage] = useState<string | null>(null);
  const options = visibilities.map((v) => ({ value: v, label: t(`sharing.values.${v}`) }));
  const done = (text: string) => {
    setMessage(text);
    resource.reload();
  };
  return (
    <section aria-labelledby="case-documents">
      <h2 id="case-documents">{t('documents.title')}</h2>
      <p>{t('documents.intro')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (data.documents.length === 0 ? <p>{t('documents.none')}</p> : (
        <ResponsiveTable>
          <caption className="sr-only">{t('documents.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('documents.document')}</th>
              <th scope="col">{t('documents.uploaded')}</th>
              <th scope="col">{t('sharing.label')}</th>
              {data.abilities.canUpload && <th scope="col">{t('documents.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.documents.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <a href={downloadUrl.staff(d.id)} download={d.fileName}>{d.title}</a>
                  <span className="d-block weight-normal">{d.fileName} · {formatSize(d.sizeBytes, i18n.language)}</span>
                </th>
                <td>{formatDate(d.uploadedAt.slice(0, 10), i18n.language)} · {d.uploadedBy}</td>
                <td>{data.abilities.canUpload ? <ReclassifyForm document={d} options={options} onDone={done} onReload={resource.reload} />
                  : t(`sharing.values.${d.visibility}`)}</td>
                {data.abilities.canUpload && <td><DeleteButton document={d} onDone={done} onReload={resource.reload} /></td>}
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      ))}
      {data?.abilities.canUpload && <UploadForm caseId={item.id} maxBytes={data.maxBytes} options={options} onDone={done} />}
    </section>
  );
}

type Options = Array<{ value: string; label: string }>;

function ReclassifyForm({ document, options, onDone, onReload }: { document: CaseDocument; options: Options; onDone: (text: string) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useScopedForm(`document-${document.id}`);
  const [visibility, setVisibility] = useState<Visibility>(document.visibility);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await documentApi.update(document.id, { visibility, version: document.version });
      onDone(t('documents.reclassified', { title: document.title }));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrors form={form} labels={{}} onReload={onReload} />
      <SelectField name={form.name('visibility')} label={`${t('sharing.label')}: ${document.title}`} value={visibility}
        onChange={(value) => setVisibility(value as Visibility)} options={options} placeholder={false} />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>
        {t('documents.saveSharing')}<span className="sr-only">{`: ${document.title}`}</span>
      </button>
    </form>
  );
}

function DeleteButton({ document, onDone, onReload }: { document: CaseDocument; onDone: (text: string) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useScopedForm(`document-delete-${document.id}`);
  const onClick = () => {
    if (!window.confirm(t('documents.confirmDelete', { title: document.title }))) return;
    void form.run(async () => {
      await documentApi.remove(document.id, document.version);
      onDone(t('documents.deleted', { title: document.title }));
    });
  };
  return (
    <>
      <FormErrors form={form} labels={{}} onReload={onReload} />
      <button type="button" className="button button-tertiary" onClick={onClick} disabled={form.submitting}>
        {t('documents.delete')}<span className="sr-only">{`: ${document.title}`}</span>
      </button>
    </>
  );
}

function UploadForm({ caseId, maxBytes, options, onDone }: { caseId: string; maxBytes: number; options: Options; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const form = useScopedForm('document');
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('internal');
  const labels = { title: t('documents.titleField'), content: t('documents.file'), visibility: t('sharing.label') };
  const fileName = form.name('content');
  const fileError = form.fieldError('content') ?? form.fieldError('contentType') ?? form.fieldError('fileName');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const file = fileInput.current?.files?.[0];
      if (!file) throw new ApiError(400, 'validation_failed', 'Choose a file.', [{ field: 'content', code: 'required', message: 'Choose a file.' }]);
      // Refused here before sending; the server refuses it too (413) whatever the browser does.
      if (file.size > maxBytes) {
        throw new ApiError(413, 'document_too_large', 'The document is larger than 10 MiB.', [{ field: 'content', code: 'document_too_large', message: 'At most 10 MiB.' }]);
      }
      const created = await documentApi.upload(caseId, { title, fileName: file.name, contentType: contentTypeOf(file), content: await readAsBase64(file), visibility });
      setTitle('');
      setVisibility('internal');
      if (fileInput.current) fileInput.current.value = '';
      onDone(t('documents.uploadedMessage', { title: created.title }));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <h3 className="h4">{t('documents.upload')}</h3>
      <FormErrors form={form} labels={labels} />
      <TextField name={form.name('title')} label={labels.title} value={title} onChange={setTitle} error={form.fieldError('title')} />
      <FieldGroup error={fileError}>
        <FieldLabel name={fileName} label={labels.content} />
        <FieldHint name={fileName} hint={t('documents.fileHint')} />
        <FieldError name={fileName} error={fileError} />
        <input {...fieldAria({ name: fileName, hint: t('documents.fileHint'), error: fileError })} ref={fileInput} className="form-input" type="file"
          name={fileName} required accept=".pdf,.png,.jpg,.jpeg,.txt,.docx,application/pdf,image/png,image/jpeg,text/plain" />
      </FieldGroup>
      <SelectField name={form.name('visibility')} label={labels.visibility} hint={t('documents.sharingHint')} value={visibility}
        onChange={(value) => setVisibility(value as Visibility)} options={options} placeholder={false} error={form.fieldError('visibility')} />
      <SubmitRow label={t('documents.uploadButton')} submitting={form.submitting} />
    </form>
  );
}
