import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/form/TextAreaField';
import type { ThreadView } from './api';
import { formatTime, SubmitError } from './PortalShell';
import { useSubmit } from './useSubmit';

/** A conversation's messages, oldest first, and the box to answer in (used by the portal and by staff). */
export function ThreadMessages({ thread, onSend }: { thread: ThreadView; onSend?: (body: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [body, setBody] = useState('');
  const submit = useSubmit();
  return (
    <>
      <ol className="message-list" aria-label={t('familyPortal.messages.conversation')}>
        {thread.messages.map((message) => (
          <li key={message.id} className={`message${message.mine ? ' message-mine' : ''}`}>
            <strong>{message.mine ? t('familyPortal.messages.you') : message.author.name}</strong>
            <span className="d-block form-hint">{formatTime(message.sentAt, i18n.language)}</span>
            <p className="mt-2 mb-0">{message.body}</p>
          </li>
        ))}
      </ol>
      {onSend && (
        <form noValidate onSubmit={(event) => {
          event.preventDefault();
          void submit.run(async () => {
            await onSend(body);
            setBody('');
          });
        }}>
          <SubmitError error={submit.error} />
          <TextAreaField name="reply" label={t('familyPortal.messages.reply')} value={body} onChange={setBody} rows={4} />
          <button type="submit" className="button button-primary" disabled={submit.submitting}>{t('familyPortal.messages.send')}</button>
        </form>
      )}
    </>
  );
}
