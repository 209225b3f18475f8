import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { SelectField } from '../../components/form/SelectField';
import { TextAreaField } from '../../components/form/TextAreaField';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, orNull } from '../../lib/format';
import { useSession } from '../../session/useSession';
import { learningGoalApi, type GoalPeople, type GoalStatus, type LearningGoal } from './api';

function GoalForm({ people, isLeader, onDone }: { people: GoalPeople; isLeader: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const [employeeUserId, setEmployee] = useState('');
  const [leaderUserId, setLeader] = useState('');
  const [buddyUserId, setBuddy] = useState('');
  const [goal, setGoal] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [notes, setNotes] = useState('');
  const labels = {
    employeeUserId: t('leadingPractice.goals.employee'), leaderUserId: t('leadingPractice.goals.leader'), buddyUserId: t('leadingPractice.goals.buddy'),
    goal: t('leadingPractice.goals.goal'), followUpOn: t('leadingPractice.goals.followUpOn'), notes: t('leadingPractice.goals.notes'),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await learningGoalApi.create({
        ...(isLeader && employeeUserId ? { employeeUserId } : { leaderUserId }), buddyUserId: orNull(buddyUserId), goal, followUpOn, notes: orNull(notes),
      });
      setGoal('');
      onDone();
    });
  };
  const options = (list: GoalPeople['leaders']) => list.map((p) => ({ value: p.userId, label: p.name }));
  return (
    <form onSubmit={submit} noValidate>
      <FormErrors form={form} labels={labels} />
      {isLeader
        ? <SelectField name="employeeUserId" label={labels.employeeUserId} value={employeeUserId} onChange={setEmployee} options={options(people.employees)} error={form.fieldError('employeeUserId')} />
        : <SelectField name="leaderUserId" label={labels.leaderUserId} value={leaderUserId} onChange={setLeader} options={options(people.leaders)} error={form.fieldError('leaderUserId')} />}
      <SelectField name="buddyUserId" label={labels.buddyUserId} optional value={buddyUserId} onChange={setBuddy} options={options(people.colleagues)} error={form.fieldError('buddyUserId')} />
      <TextAreaField name="goal" label={labels.goal} rows={3} value={goal} onChange={setGoal} error={form.fieldError('goal')} />
      <TextField name="followUpOn" label={labels.followUpOn} type="date" className="input-width-s" value={followUpOn} onChange={setFollowUpOn} error={form.fieldError('followUpOn')} />
      <TextAreaField name="goalNotes" label={labels.notes} optional rows={2} value={notes} onChange={setNotes} error={form.fieldError('notes')} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>{t('leadingPractice.goals.create')}</button>
    </form>
  );
}

function GoalItem({ goal, onDone }: { goal: LearningGoal; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const form = useApiForm();
  const [status, setStatus] = useState<GoalStatus>(goal.status);
  const [notes, setNotes] = useState(goal.notes ?? '');
  const date = (value: string | null) => formatDate(value, i18n.language) ?? t('app.dash');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      await learningGoalApi.update(goal.id, { status, notes: orNull(notes), version: goal.version });
      onDone();
    });
  };
  return (
    <li className="mb-6">
      <h3 className="h4">{goal.goal}</h3>
      <dl>
        <dt>{t('leadingPractice.goals.employee')}</dt><dd>{goal.employee.name}</dd>
        <dt>{t('leadingPractice.goals.leader')}</dt><dd>{goal.leader.name}</dd>
        <dt>{t('leadingPractice.goals.buddy')}</dt><dd>{goal.buddy?.name ?? t('app.dash')}</dd>
        <dt>{t('leadingPractice.goals.followUpOn')}</dt><dd>{date(goal.followUpOn)}{goal.followUpDue ? ` (${t('leadingPractice.goals.due')})` : ''}</dd>
        <dt>{t('leadingPractice.goals.status')}</dt><dd>{t(`leadingPractice.goals.statuses.${goal.status}`)}</dd>
        {goal.notes && <><dt>{t('leadingPractice.goals.notes')}</dt><dd className="pre-wrap">{goal.notes}</dd></>}
      </dl>
      {goal.abilities.canEdit && (
        <form onSubmit={submit} noValidate>
          <FormErrors form={form} labels={{ status: t('leadingPractice.goals.status'), notes: t('leadingPractice.goals.notes') }} onReload={onDone} />
          <SelectField name={`status-${goal.id}`} label={t('leadingPractice.goals.status')} value={status} onChange={(v) => setStatus(v as GoalStatus)} placeholder={false}
            options={(['active', 'achieved', 'dropped'] as const).map((s) => ({ value: s, label: t(`leadingPractice.goals.statuses.${s}`) }))} />
          <TextAreaField name={`notes-${goal.id}`} label={t('leadingPractice.goals.notes')} optional rows={2} value={notes} onChange={setNotes} error={form.fieldError('notes')} />
          <button type="submit" className="button button-secondary" disabled={form.submitting}>{t('leadingPractice.goals.save')}<span className="sr-only">{`: ${goal.goal}`}</span></button>
        </form>
      )}
    </li>
  );
}

/** Individual learning goals (issue 9 item 6): seen only by the employee, their leader and the buddy. */
export function LearningGoalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('leadingPractice.goals.title'));
  const { state } = useSession();
  const user = state.status === 'authenticated' ? state.user : null;
  const resource = useResource(() => Promise.all([learningGoalApi.list(), learningGoalApi.people()]), 'learning-goals');
  const data = resource.data;
  const isLeader = user?.roles.some((r) => r === 'team_leader' || r === 'department_head') ?? false;
  const groups: Array<[LearningGoal['relation'], 'mine' | 'led' | 'buddy']> = [['employee', 'mine'], ['leader', 'led'], ['buddy', 'buddy']];
  return (
    <>
      <h1>{t('leadingPractice.goals.title')}</h1>
      <p className="font-lead">{t('leadingPractice.goals.intro')}</p>
      {resource.loading && !data && <Loading />}
      {resource.error && <LoadError error={resource.error} />}
      {data && (
        <>
          {data[0].goals.length === 0 && <Alert variant="info">{t('leadingPractice.goals.none')}</Alert>}
          {groups.map(([relation, key]) => {
            const goals = data[0].goals.filter((g) => g.relation === relation);
            return goals.length === 0 ? null : (
              <section key={relation} aria-labelledby={`goals-${key}`}>
                <h2 id={`goals-${key}`}>{t(`leadingPractice.goals.groups.${key}`)}</h2>
                <ul className="nobullet-list">{goals.map((g) => <GoalItem key={`${g.id}-${g.version}`} goal={g} onDone={resource.reload} />)}</ul>
              </section>
            );
          })}
          <section aria-labelledby="new-goal">
            <h2 id="new-goal">{t('leadingPractice.goals.newHeading')}</h2>
            <GoalForm people={data[1]} isLeader={isLeader} onDone={resource.reload} />
          </section>
        </>
      )}
    </>
  );
}
