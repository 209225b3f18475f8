import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { familyPortalApi } from './api';
import { formatTime, PortalShell, SubmitError } from './PortalShell';
import { useSubmit } from './useSubmit';

/** The family's conversations with its contact, and a new message (issue 5 item 3). */
export function PortalMessagesPage() {
  const { t } = useTranslation();
  return <PortalShell title={t('familyPortal.messages.title')}><Messages /></PortalShell>;
}

function Messages() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const threads = useResource(() => familyPortalApi.threads(), 'portal-threads');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const submit = useSubmit();
  return (
    <>
      <p>{t('familyPortal.messages.intro')}</p>
      {threads.error && <LoadError error={threads.error} />}
      {threads.data && threads.data.threads.length === 0 && <p>{t('familyPortal.messages.none')}</p>}
      {threads.data && threads.data.threads.length > 0 && (
        <ul className="nobullet-list">
          {threads.data.threads.map((thread) => (
            <li key={thread.id} className="mb-3">
              <Link to={`/portal/messages/${thread.id}`}>{thread.subject}</Link>{' '}
              {thread.unread > 0 && <strong>{t('familyPortal.messages.unread', { count: thread.unread })}</strong>}
              <span className="d-block form-hint">{formatTime(thread.lastMessageAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('familyPortal.messages.new')}</h2>
      <form noValidate onSubmit={(event) => {
        event.preventDefault();
        void submit.run(async () => {
          const thread = await familyPortalApi.startThread(subject, body);
          await navigate(`/portal/messages/${thread.id}`);
        });
      }}>
        <SubmitError error={submit.error} />
        <TextField name="subject" label={t('familyPortal.messages.subject')} value={subject} onChange={setSubject} />
        <TextAreaField name="body" label={t('familyPortal.messages.body')} hint={t('familyPortal.messages.bodyHint')} value={body} onChange={setBody} rows={6} />
        <button type="submit" className="button button-primary" disabled={submit.submitting}>{t('familyPortal.messages.send')}</button>
      </form>
    </>
  );
}
