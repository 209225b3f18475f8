import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { familyPortalApi, type ChildPage, type ChildPageQuestion } from './api';
import { PortalShell, SubmitError } from './PortalShell';
import { SmileyScale } from './SmileyScale';
import { useSubmit } from './useSubmit';

/**
 * The child's page (issue 5 item 5): a parent opens it and hands the device to the child, who answers a few
 * Dialoglinealen questions with smileys (000:479-483). Afterwards the page says thank you and shows no answers.
 */
export function ChildPagePage() {
  const { t } = useTranslation();
  const { childId = '' } = useParams();
  return <PortalShell title={t('familyPortal.child.title')}><Child childId={childId} /></PortalShell>;
}

function Child({ childId }: { childId: string }) {
  const { t } = useTranslation();
  const page = useResource(() => familyPortalApi.childPage(childId), `child-page-${childId}`);
  const permission = useSubmit();
  if (page.error) return <LoadError error={page.error} />;
  if (!page.data) return <Loading />;
  const data = page.data;
  const toggle = () => void permission.run(async () => {
    try {
      page.setData(await familyPortalApi.allowChildPage(childId, !data.allowed, data.version ?? 0));
    } catch (error) {
      // The other parent chose meanwhile (409): show their choice, with the message saying so.
      if (error instanceof ApiError && error.code === 'version_conflict') page.reload();
      throw error;
    }
  });
  return (
    <>
      <section className="mb-5" aria-labelledby="child-permission">
        <h2 id="child-permission" className="h3">{t('familyPortal.child.forParents')}</h2>
        <p>{data.allowed ? t('familyPortal.child.isOpen', { name: data.firstName }) : t('familyPortal.child.isClosed', { name: data.firstName })}</p>
        <SubmitError error={permission.error} />
        <button type="button" className="button button-secondary" onClick={toggle} disabled={permission.submitting}>
          {data.allowed ? t('familyPortal.child.close') : t('familyPortal.child.open')}
        </button>
      </section>
      {data.allowed && data.answeredToday && <Alert variant="success">{t('familyPortal.child.thanks', { name: data.firstName })}</Alert>}
      {data.abilities.canAnswer && <Questions page={data} onAnswered={page.setData} />}
    </>
  );
}

function Questions({ page, onAnswered }: { page: ChildPage; onAnswered: (p: ChildPage) => void }) {
  const { t } = useTranslation();
  const [scores, setScores] = useState<Partial<Record<ChildPageQuestion, number>>>({});
  const submit = useSubmit();
  const answered = page.questions.filter((q) => scores[q] !== undefined);
  return (
    <form noValidate onSubmit={(event) => {
      event.preventDefault();
      void submit.run(async () => onAnswered(await familyPortalApi.answerChildPage(page.childId, answered.map((q) => ({ question: q, score: scores[q]! })))));
    }}>
      <h2>{t('familyPortal.child.hello', { name: page.firstName })}</h2>
      <p className="font-lead">{t('familyPortal.child.intro')}</p>
      <SubmitError error={submit.error} />
      {page.questions.map((q) => (
        <SmileyScale key={q} name={q} legend={t(`familyPortal.child.question.${q}`)} value={scores[q] ?? null} onChange={(score) => setScores({ ...scores, [q]: score })} />
      ))}
      <button type="submit" className="button button-primary" disabled={submit.submitting || answered.length === 0}>{t('familyPortal.child.send')}</button>
    </form>
  );
}
