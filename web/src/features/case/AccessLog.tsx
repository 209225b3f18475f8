import { useTranslation } from 'react-i18next';
import { caseApi } from '../../api/endpoints';
import type { Case } from '../../api/types';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';
import { labelFor } from '../../lib/labels';

/** "Hvem har set sagen": every read and change of the case from the audit log, for its lead and leaders. */
export function AccessLog({ item }: { item: Case }) {
  const { t, i18n } = useTranslation();
  const log = useResource(() => caseApi.accessLog(item.id), `${item.id}:${item.version}`);
  return (
    <section aria-labelledby="access-log">
      <h2 id="access-log">{t('case.accessLog')}</h2>
      <p>{t('case.accessLogIntro')}</p>
      {log.loading && !log.data && <Loading />}
      {log.error && <LoadError error={log.error} />}
      {log.data && log.data.length === 0 && <p>{t('case.noAccess')}</p>}
      {log.data && log.data.length > 0 && (
        <ResponsiveTable>
          <caption>{t('case.accessLogCaption', { number: item.caseNumber })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('case.at')}</th>
              <th scope="col">{t('case.user')}</th>
              <th scope="col">{t('case.action')}</th>
              <th scope="col">{t('case.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((entry, index) => (
              <tr key={`${entry.at}-${index}`}>
                <td>{formatDateTime(entry.at, i18n.language)}</td>
                <td>{entry.userName ?? t('case.unknownUser')}</td>
                <td>{labelFor(t, 'auditAction', entry.action)}</td>
                <td>{entry.reason ? labelFor(t, 'accessReason', entry.reason) : t('app.dash')}</td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
    </section>
  );
}
