import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { useApiForm } from '../../components/form/useApiForm';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatDateTime } from '../../lib/format';
import { errorText } from '../../lib/labels';
import { consentApi, type ConsentRecipient, type ConsentView } from './api';

/**
 * The family portal's consent page (issue 5 item 3): the parent gives or withdraws consent to share with each
 * department or partner, told in plain words what sharing means; the history of earlier consents stays visible.
 */
export function ConsentPage() {
  const { t } = useTranslation();
  usePageTitle(t('consent.title'));
  const consents = useResource(() => consentApi.own(), 'portal-consents');
  const [flash, setFlash] = useState<string | null>(null);

  if (consents.error?.status === 401) return <Navigate to="/portal/login" replace />;
  const data = consents.data;
  const involved = data?.recipients.filter((r) => r.involvement.length > 0) ?? [];
  const others = data?.recipients.filter((r) => r.involvement.length === 0) ?? [];
  const byId = new Map((data?.consents ?? []).map((c) => [c.id, c]));
  const done = (text: string) => { setFlash(text); consents.reload(); };

  return (
    <>
      <p><Link to="/portal">{t('consent.back')}</Link></p>
      <h1>{t('consent.title')}</h1>
      <p className="font-lead">{t('consent.intro')}</p>
      <h2>{t('consent.whatHeading')}</h2>
      <ul>
        <li>{t('consent.what1')}</li>
        <li>{t('consent.what2')}</li>
        <li>{t('consent.what3')}</li>
      </ul>
      <p>{t('consent.withdrawInfo')}</p>
      {flash && <Alert variant="success" live>{flash}</Alert>}
      {consents.loading && !data && <Loading />}
      {consents.error && consents.error.status !== 401 && <LoadError error={consents.error} />}
      {data && (
        <>
          <h2>{t('consent.involvedHeading')}</h2>
          {involved.length === 0 ? <p>{t('consent.noneInvolved')}</p> : <RecipientList recipients={involved} consents={byId} onDone={done} />}
          {others.length > 0 && (
            <details className="details mt-6">
              <summary className="details-summary">{t('consent.othersHeading')}</summary>
              <div className="details-text"><RecipientList recipients={others} consents={byId} onDone={done} /></div>
            </details>
          )}
          <History consents={data.consents} />
        </>
      )}
    </>
  );
}

function RecipientList({ recipients, consents, onDone }: { recipients: ConsentRecipient[]; consents: Map<string, ConsentView>; onDone: (text: string) => void }) {
  return (
    <ul className="nobullet-list">
      {recipients.map((r) => <Recipient key={r.departmentId} recipient={r} consent={r.consentId ? consents.get(r.consentId) ?? null : null} onDone={onDone} />)}
    </ul>
  );
}

function Recipient({ recipient: r, consent, onDone }: { recipient: ConsentRecipient; consent: ConsentView | null; onDone: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const form = useApiForm();
  const headingId = `recipient-${r.departmentId}`;
  const give = () => void form.run(async () => { await consentApi.give(r.departmentId); onDone(t('consent.given', { name: r.name })); });
  const withdraw = () => void form.run(async () => { await consentApi.withdraw(consent!.id, consent!.version); onDone(t('consent.withdrawn', { name: r.name })); });
  return (
    <li className="mb-5" aria-labelledby={headingId}>
      <h3 className="h4" id={headingId}>{r.name}</h3>
      <p className="mb-2">
        {r.external ? t('consent.external') : t('consent.municipal')}
        {r.involvement.length > 0 && <> · {r.involvement.map((i) => t(`consent.involvement.${i}`)).join(', ')}</>}
      </p>
      {consent ? (
        <>
          <p className="mb-2"><strong>{t('consent.inForce')}</strong> {t('consent.givenOnBy', { date: formatDate(consent.givenOn, i18n.language), name: consent.givenBy.name })}</p>
          <button type="button" className="button button-secondary" onClick={withdraw} disabled={form.submitting} aria-describedby={headingId}>{t('consent.withdraw')}</button>
        </>
      ) : (
        <>
          <p className="mb-2">{t('consent.notGiven')}</p>
          <button type="button" className="button button-primary" onClick={give} disabled={form.submitting} aria-describedby={headingId}>{t('consent.give')}</button>
        </>
      )}
      {form.error && <Alert variant="error" live className="mt-3">{form.conflict ? t('consent.changed') : errorText(t, form.error.code, form.error.message)}</Alert>}
    </li>
  );
}

/** Every consent ever given, also withdrawn ones: the family can see what was shared when. */
export function History({ consents, headingLevel = 2 }: { consents: ConsentView[]; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (consents.length === 0) return <><Heading>{t('consent.historyHeading')}</Heading><p>{t('consent.noHistory')}</p></>;
  return (
    <>
      <Heading>{t('consent.historyHeading')}</Heading>
      <div className="table--responsive-scroll" tabIndex={0}>
        <table className="table table--zebra">
          <caption className="sr-only">{t('consent.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consent.recipient')}</th>
              <th scope="col">{t('consent.givenColumn')}</th>
              <th scope="col">{t('consent.statusColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.department.name}</th>
                <td>
                  {t('consent.givenOnBy', { date: formatDate(c.givenOn, i18n.language), name: c.givenBy.name })}
                  {c.source === 'paper' && <> ({t('consent.paper', { name: c.recordedBy ?? '' })})</>}
                </td>
                <td>{c.inForce ? t('consent.inForce') : t('consent.withdrawnOnBy', { date: formatDateTime(c.withdrawnAt!, i18n.language), name: c.withdrawnBy ?? '' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
