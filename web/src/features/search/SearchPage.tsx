import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { familyApi } from '../../api/endpoints';
import type { SearchHit } from '../../api/types';
import { useResource } from '../../api/useResource';
import { OrDash } from '../../components/Dash';
import { FieldError, FieldHint, FieldLabel, fieldAria } from '../../components/form/FieldParts';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { errorText, labelFor } from '../../lib/labels';

function ResultRow({ hit }: { hit: SearchHit }) {
  const { t, i18n } = useTranslation();
  return (
    <tr>
      <td><Link to={`/families/${hit.familyId}`}>{hit.familyName}</Link></td>
      <td><OrDash value={hit.personName} /></td>
      <td><OrDash value={formatDate(hit.birthDate, i18n.language)} /></td>
      <td>{hit.caseId && hit.caseNumber ? <Link to={`/cases/${hit.caseId}`} state={{ familyName: hit.familyName }}>{hit.caseNumber}</Link> : <OrDash value={null} />}</td>
      <td>{labelFor(t, 'matched', hit.matched)}</td>
    </tr>
  );
}

/** One field for name, CPR number or case number; results link to the family and the case. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const results = useResource(() => (q ? familyApi.search(q) : Promise.resolve(null)), q);
  usePageTitle(q ? `${t('search.title')}: ${q}` : t('search.title'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };

  const detail = results.error?.details[0];
  const fieldMessage = detail ? errorText(t, detail.code, detail.message) : results.error ? errorText(t, results.error.code, results.error.message) : undefined;
  const name = 'q';
  const hint = t('search.hint');

  return (
    <>
      <h1>{t('search.title')}</h1>
      <form role="search" onSubmit={onSubmit} noValidate className="search-form">
        <div className={`form-group${fieldMessage ? ' form-error' : ''}`}>
          <FieldLabel name={name} label={t('search.label')} />
          <FieldHint name={name} hint={hint} />
          <FieldError name={name} error={fieldMessage} />
          <div className="search-row">
            <input
              {...fieldAria({ name, hint, error: fieldMessage })}
              className="form-input"
              type="search"
              name={name}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
            <button type="submit" className="button button-primary">{t('search.submit')}</button>
          </div>
        </div>
      </form>
      {results.loading && q && <Loading />}
      {results.data && results.data.length === 0 && <p role="status">{t('search.none', { q })}</p>}
      {results.data && results.data.length > 0 && (
        <>
          <p role="status">{t('search.count', { count: results.data.length })}</p>
          <ResponsiveTable>
            <caption>{t('search.caption', { q })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('search.family')}</th>
                <th scope="col">{t('search.person')}</th>
                <th scope="col">{t('search.birthDate')}</th>
                <th scope="col">{t('search.caseNumber')}</th>
                <th scope="col">{t('search.matched')}</th>
              </tr>
            </thead>
            <tbody>
              {results.data.map((hit, index) => <ResultRow key={`${hit.familyId}-${hit.personId ?? ''}-${hit.caseId ?? ''}-${index}`} hit={hit} />)}
            </tbody>
          </ResponsiveTable>
        </>
      )}
    </>
  );
}
