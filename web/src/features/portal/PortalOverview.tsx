import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTime } from '../../lib/format';
import { WheelSvg } from '../annual-wheel/WheelSvg';
import { activityLabel, monthName } from '../annual-wheel/labels';
import '../annual-wheel/annual-wheel.css';
import type { Resource } from '../../api/useResource';
import { portalViewsApi, type PortalAgreement, type PortalMeeting, type PortalPerson } from './views-api';
import './portal.css';
import { documentApi, downloadUrl, formatSize } from '../document/api';
import { PortalDecisionsCard } from '../core-decision/PortalDecisionsCard';

/**
 * What the family sees (issue 5 item 2), mobile-first: one card each for their contact person, their plan,
 * agreements, coming meetings, the årshjul and shared minutes. Only what the municipality shared with them reaches
 * this page (the server filters; test/portal-classification.test.ts proves it).
 */
export function PortalOverview() {
  const { t } = useTranslation();
  return (
    <div className="portal-cards">
      <ContactCard />
      <PlanCard />
      <AgreementsCard />
      <MeetingsCard />
      <WheelCard />
      <MinutesCard />
      <DocumentsCard />
      <PortalDecisionsCard />
      <p className="portal-shared-note">{t('portalViews.sharedNote')}</p>
    </div>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card portal-card" aria-labelledby={id}>
      <div className="card-content">
        <h2 id={id} className="card-heading h3">{title}</h2>
        {children}
      </div>
    </section>
  );
}

function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ReactNode }) {
  if (resource.error) return <LoadError error={resource.error} />;
  if (!resource.data) return <Loading />;
  return <>{children(resource.data)}</>;
}

function PersonLines({ person }: { person: PortalPerson }) {
  const { t } = useTranslation();
  return (
    <ul className="nobullet-list">
      {person.phone && <li>{t('portalViews.phone')}: <a href={`tel:${person.phone.replace(/\s/g, '')}`}>{person.phone}</a></li>}
      <li>{t('portalViews.email')}: <a href={`mailto:${person.email}`}>{person.email}</a></li>
      {person.reachableHours && <li>{t('portalViews.reachable')}: {person.reachableHours}</li>}
    </ul>
  );
}

function ContactCard() {
  const { t } = useTranslation();
  const resource = useResource(() => portalViewsApi.contact(), 'portal-contact');
  return (
    <Card id="portal-contact" title={t('portalViews.contact')}>
      <Loaded resource={resource}>
        {(data) => data.contacts.length === 0 ? <p>{t('portalViews.noContact')}</p> : data.contacts.map((c) => (
          <div key={c.email} className="portal-contact">
            <p className="font-lead mb-2"><strong>{c.name}</strong></p>
            <p className="mt-0">{t(`portalViews.roles.${c.role}`)} · {t('portalViews.contactFor', { children: c.children.join(', ') })}</p>
            <PersonLines person={c} />
            {c.buddies.map((b) => (
              <div key={b.email}>
                <h3 className="h5">{t('portalViews.buddy', { name: b.name })}</h3>
                <PersonLines person={b} />
              </div>
            ))}
          </div>
        ))}
      </Loaded>
    </Card>
  );
}

function PlanCard() {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => portalViewsApi.plan(), 'portal-plan');
  return (
    <Card id="portal-plan" title={t('portalViews.plan')}>
      <Loaded resource={resource}>
        {(plan) => !plan.version ? <p>{t('portalViews.noPlan')}</p> : (
          <>
            <p>{plan.version.agreement
              ? t('portalViews.planAgreed', { date: formatDate(plan.version.agreement.agreedOn, i18n.language) })
              : t('portalViews.planDraft')}</p>
            {plan.version.goals.length === 0 ? <p>{t('portalViews.noGoals')}</p> : (
              <ol className="portal-goals">
                {plan.version.goals.map((goal) => (
                  <li key={goal.goalKey}>
                    <h3 className="h5 mb-1">{goal.title}</h3>
                    <p className="mt-0 mb-2">
                      <span className="badge">{t(`portalViews.goalStatus.${goal.status}`)}</span>{' '}
                      {goal.owners.length > 0 && t('portalViews.goalOwners', { names: goal.owners.map((o) => o.name).join(', ') })}
                    </p>
                    {goal.activities.length > 0 && (
                      <ul>
                        {goal.activities.map((a, i) => (
                          <li key={i}>
                            {a.description} — {a.responsible.name}, {t('portalViews.byDate', { date: formatDate(a.dueOn, i18n.language) })}
                            {a.done && <> ({t('portalViews.done')})</>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Loaded>
    </Card>
  );
}

export function AgreementList({ agreements }: { agreements: PortalAgreement[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="portal-list">
      {agreements.map((a) => (
        <li key={a.id}>
          <p className="mb-1"><strong>{a.text}</strong></p>
          <p className="mt-0 mb-0">
            {t('portalViews.who', { name: a.owner.name })}
            {a.dueOn && <> · {t('portalViews.byDate', { date: formatDate(a.dueOn, i18n.language) })}</>}
            {' · '}{t(`meeting.agreementStatuses.${a.status}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function AgreementsCard() {
  const { t } = useTranslation();
  const resource = useResource(() => portalViewsApi.agreements(), 'portal-agreements');
  return (
    <Card id="portal-agreements" title={t('portalViews.agreements')}>
      <Loaded resource={resource}>
        {(data) => data.agreements.length === 0 ? <p>{t('portalViews.noAgreements')}</p> : <AgreementList agreements={data.agreements} />}
      </Loaded>
    </Card>
  );
}

type MeetingTypeKey = 'start_conversation' | 'child_conversation' | 'home_visit' | 'assessment_meeting' | 'analysis_meeting' | 'summary_meeting'
  | 'status_meeting' | 'network_meeting' | 'follow_up';
/** A meeting type in the reader's language (the labels the worklist uses). */
export const meetingType = (t: TFunction, type: string): string => t(`worklist.meetingType.${type as MeetingTypeKey}`);

function participantText(t: TFunction, p: PortalMeeting['participants'][number]): string {
  const where: string = p.organisation ?? t(`portalViews.categories.${p.category}`);
  const role: string | null = p.role === 'participant' ? null : t(`portalViews.participantRoles.${p.role}`);
  return [p.name, where, role].filter(Boolean).join(', ');
}

function MeetingsCard() {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => portalViewsApi.meetings(), 'portal-meetings');
  return (
    <Card id="portal-meetings" title={t('portalViews.meetings')}>
      <Loaded resource={resource}>
        {(data) => data.upcoming.length === 0 ? <p>{t('portalViews.noMeetings')}</p> : (
          <ul className="portal-list">
            {data.upcoming.map((m) => (
              <li key={m.id}>
                <h3 className="h5 mb-1">{meetingType(t, m.type)} · {formatDateTime(m.scheduledAt, i18n.language)}</h3>
                <p className="mt-0 mb-1">{t('portalViews.about', { child: m.childFirstName })}</p>
                {m.location && <p className="mt-0 mb-1">{t('portalViews.where')}: {m.location}</p>}
                {m.participants.length > 0 && (
                  <p className="mt-0 mb-0">{t('portalViews.whoComes')}: {m.participants.map((p) => participantText(t, p)).join('; ')}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Card>
  );
}

function WheelCard() {
  const { t, i18n } = useTranslation();
  const year = new Date().getFullYear();
  const resource = useResource(() => portalViewsApi.wheel(year), `portal-wheel-${year}`);
  return (
    <Card id="portal-wheel" title={t('portalViews.wheel', { year })}>
      <Loaded resource={resource}>
        {(wheel) => {
          const months = wheel.months.filter((m) => m.activities.length > 0);
          return (
            <>
              <div className="portal-wheel"><WheelSvg wheel={wheel} currentMonth={new Date().getMonth() + 1} /></div>
              {months.length === 0 ? <p>{t('portalViews.noActivities')}</p> : (
                <dl className="portal-wheel-text">
                  {months.map((m) => (
                    <div key={m.month}>
                      <dt>{monthName(t, m.month)}</dt>
                      {m.activities.map((a) => (
                        <dd key={a.key}>
                          {activityLabel(t, a)}{a.childName && <> ({a.childName})</>}
                          {a.scheduledAt && <> · {formatDateTime(a.scheduledAt, i18n.language)}</>}
                        </dd>
                      ))}
                    </div>
                  ))}
                </dl>
              )}
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}

/** Documents the municipality shared with the family (issue 5): download links, served as attachments. */
function DocumentsCard() {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => documentApi.portalList(), 'portal-documents');
  return (
    <Card id="portal-documents" title={t('documents.title')}>
      <Loaded resource={resource}>
        {(data) => data.documents.length === 0 ? <p>{t('documents.noneShared')}</p> : (
          <ul className="portal-list">
            {data.documents.map((d) => (
              <li key={d.id}>
                <a href={downloadUrl.portal(d.id)} download={d.fileName}>{d.title}</a>
                <span className="d-block">
                  {t('documents.sharedLine', { child: d.childFirstName, date: formatDate(d.uploadedAt.slice(0, 10), i18n.language), size: formatSize(d.sizeBytes, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Card>
  );
}

function MinutesCard() {
  const { t, i18n } = useTranslation();
  const resource = useResource(() => portalViewsApi.meetings(), 'portal-meetings');
  return (
    <Card id="portal-minutes" title={t('portalViews.minutes')}>
      <Loaded resource={resource}>
        {(data) => data.withMinutes.length === 0 ? <p>{t('portalViews.noMinutes')}</p> : (
          <ul className="portal-list">
            {data.withMinutes.map((m) => (
              <li key={m.id}>
                <Link to={`/portal/minutes/${m.id}`}>
                  {t('portalViews.readMinutes', { meeting: meetingType(t, m.type), date: formatDate(m.scheduledAt.slice(0, 10), i18n.language), child: m.childFirstName })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Card>
  );
}
