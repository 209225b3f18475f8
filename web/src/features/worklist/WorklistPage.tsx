import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { Flash } from '../../components/Flash';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/format';
import { worklistApi, type Bucket, type WorklistItem } from './api';
import { ItemDetail } from './ItemDetail';

type Heading = 'overdue' | 'today' | 'thisWeek' | 'later';
// 'later' holds only running statutory deadlines (a børnefaglig undersøgelse, Barnets Lov §20 stk. 3) and is shown when it has any.
const groups: Array<{ bucket: Bucket; heading: Heading }> = [
  { bucket: 'overdue', heading: 'overdue' }, { bucket: 'today', heading: 'today' }, { bucket: 'this_week', heading: 'thisWeek' }, { bucket: 'later', heading: 'later' },
];

function Group({ heading, items }: { heading: Heading; items: WorklistItem[] }) {
  const { t, i18n } = useTranslation();
  const headingId = `worklist-${heading}`;
  return (
    <section aria-labelledby={headingId} className="mt-6">
      <h2 id={headingId}>{t(`worklist.groups.${heading}`)} <span className="weight-normal">({items.length})</span></h2>
      {items.length === 0 ? <p>{t('worklist.groupEmpty')}</p> : (
        <ResponsiveTable>
          <caption className="sr-only">{t(`worklist.groups.${heading}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('worklist.col.what')}</th>
              <th scope="col">{t('worklist.col.family')}</th>
              <th scope="col">{t('worklist.col.due')}</th>
              <th scope="col">{t('worklist.col.detail')}</th>
              <th scope="col">{t('worklist.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.kind}-${item.caseId}-${item.refId ?? ''}`}>
                <th scope="row">{t(`worklist.kind.${item.kind}`)}</th>
                <td>
                  <Link to={`/families/${item.familyId}`}>{item.familyName}</Link>
                  <span className="d-block small-text">
                    <Link to={`/cases/${item.caseId}`}>{item.childName}</Link> · {item.caseNumber}
                  </span>
                </td>
                <td>{formatDate(item.dueOn, i18n.language)}</td>
                <td><ItemDetail item={item} /></td>
                <td>
                  <Link to={item.link}>
                    {t(`worklist.action.${item.kind}`)}
                    <span className="sr-only">{`: ${item.familyName}, ${item.childName}`}</span>
                  </Link>
                  <span className="d-block small-text">
                    <Link to={`/families/${item.familyId}/annual-wheel`}>
                      {t('worklist.wheelLink')}<span className="sr-only">{`: ${item.familyName}`}</span>
                    </Link>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </ResponsiveTable>
      )}
    </section>
  );
}

/** The caseworker's worklist: overdue, today and the coming week across their own cases (issue 4 §2). */
export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const list = useResource(() => worklistApi.get(), 'worklist');
  usePageTitle(t('worklist.title'));
  const data = list.data;
  return (
    <>
      <h1>{t('worklist.title')}</h1>
      <Flash />
      <p className="font-lead">{t('worklist.intro')}</p>
      {list.loading && !data && <Loading />}
      {list.error && <LoadError error={list.error} />}
      {data && (
        <>
          <p role="status">
            {t('worklist.summary', { date: formatDate(data.today, i18n.language), overdue: data.counts.overdue, today: data.counts.today, week: data.counts.thisWeek })}
          </p>
          {groups.map((group) => {
            const items = data.items.filter((item) => item.bucket === group.bucket);
            return group.bucket === 'later' && items.length === 0 ? null : <Group key={group.bucket} heading={group.heading} items={items} />;
          })}
        </>
      )}
    </>
  );
}
