import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceApi } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { Alert } from '../../components/Alert';
import { FormErrors } from '../../components/form/FormErrors';
import { CheckboxField } from '../../components/form/CheckboxField';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { SelectField } from '../../components/form/SelectField';
import { SubmitRow } from '../../components/form/SubmitRow';
import { TextField } from '../../components/form/TextField';
import { useApiForm } from '../../components/form/useApiForm';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { usePageTitle } from '../../components/usePageTitle';
import { formatAmount, parseAmount } from '../decision/format';
import {
  competenceApi, competenceDeciders, competencePeriods, competenceRoles, legalCategories,
  type CompetenceDecider, type CompetencePeriod, type CompetencePlan, type CompetenceRole, type CompetenceRule, type CompetenceRuleInput, type LegalCategory,
} from './api';

/** "Hvem må bevilge hvad?": one rule per row. */
function PlanTable({ plan, caption }: { plan: CompetencePlan; caption: string }) {
  const { t, i18n } = useTranslation();
  const who = (r: CompetenceRule) => r.decidedBy === 'role' && r.role ? t(`competence.roles.${r.role}`)
    : r.decidedBy === 'department_leader' ? t('competence.leaderOf', { department: r.departmentName ?? '' }) : t(`competence.deciders.${r.decidedBy}`);
  return (
    <ResponsiveTable>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('competence.scope')}</th>
          <th scope="col">{t('competence.decidedBy')}</th>
          <th scope="col">{t('competence.maxAmount')}</th>
          <th scope="col">{t('competence.payer')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.rules.map((r, index) => (
          <tr key={index}>
            <th scope="row">{r.legalBasisLabel ?? t('competence.categoryRule', { category: t(`competence.categories.${(r.category ?? 'preventive') as LegalCategory}`) })}</th>
            <td>{who(r)}</td>
            <td>{r.maxAmountDkk === null ? t('competence.noLimit') : `${formatAmount(r.maxAmountDkk, i18n.language)} ${t(`competence.periods.${r.amountPeriod ?? 'year'}`)}`}</td>
            <td>{r.defaultPayerDepartmentName ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </ResponsiveTable>
  );
}

interface Row { scope: string; decidedBy: string; role: string; departmentId: string; amount: string; period: string; payer: string }
const toRow = (r: CompetenceRule): Row => ({
  scope: r.legalBasisId ? `basis:${r.legalBasisId}` : `category:${r.category ?? ''}`, decidedBy: r.decidedBy, role: r.role ?? '', departmentId: r.departmentId ?? '',
  amount: r.maxAmountDkk === null ? '' : String(r.maxAmountDkk).replace('.', ','), period: r.amountPeriod ?? '', payer: r.defaultPayerDepartmentId ?? '',
});
const emptyRow: Row = { scope: '', decidedBy: '', role: '', departmentId: '', amount: '', period: '', payer: '' };
const orNull = (v: string) => (v === '' ? null : v);

/** The leaders' editor: the current rules as rows to change, add or remove; publishing makes a new version. */
function PlanEditor({ plan, onPublished }: { plan: CompetencePlan; onPublished: (text: string) => void }) {
  const { t } = useTranslation();
  const form = useApiForm();
  const references = useResource(() => Promise.all([referenceApi.legalBases(), referenceApi.departments()]), 'competence-references');
  const [rows, setRows] = useState<Row[]>(() => plan.rules.map(toRow));
  const [note, setNote] = useState('');
  const [committeeOnly, setCommitteeOnly] = useState<string[]>(() => plan.version?.committeeOnlyCategories ?? ['placement']);
  const set = (index: number, patch: Partial<Row>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const [bases, departments] = references.data ?? [[], []];
  const scopeOptions = [
    ...legalCategories.map((c) => ({ value: `category:${c}`, label: t('competence.categoryRule', { category: t(`competence.categories.${c}`) }) })),
    ...bases.filter((b) => b.validTo === null).map((b) => ({ value: `basis:${b.id}`, label: b.label })),
  ];
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const labels: Record<string, string> = { note: t('competence.note') };
  rows.forEach((_, i) => {
    const n = t('competence.ruleNo', { no: i + 1 });
    Object.assign(labels, {
      [`rules.${i}.legalBasisId`]: `${n}: ${t('competence.scope')}`, [`rules.${i}.category`]: `${n}: ${t('competence.scope')}`,
      [`rules.${i}.decidedBy`]: `${n}: ${t('competence.decidedBy')}`, [`rules.${i}.role`]: `${n}: ${t('competence.role')}`,
      [`rules.${i}.departmentId`]: `${n}: ${t('competence.department')}`, [`rules.${i}.maxAmountDkk`]: `${n}: ${t('competence.maxAmount')}`,
      [`rules.${i}.amountPeriod`]: `${n}: ${t('competence.period')}`, [`rules.${i}.defaultPayerDepartmentId`]: `${n}: ${t('competence.payer')}`,
    });
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.run(async () => {
      const rules = rows.map((row): CompetenceRuleInput => {
        const [kind, value] = row.scope.split(':') as [string, string | undefined];
        const amount = parseAmount(row.amount);
        return {
          legalBasisId: kind === 'basis' ? value ?? null : null, category: kind === 'category' ? value ?? null : null,
          decidedBy: row.decidedBy as CompetenceDecider, role: orNull(row.role) as CompetenceRole | null, departmentId: orNull(row.departmentId),
          maxAmountDkk: amount, amountPeriod: orNull(row.period) as CompetencePeriod | null, defaultPayerDepartmentId: orNull(row.payer),
        };
      });
      await competenceApi.publish({ note, rules, basedOnVersion: plan.version?.versionNo ?? 0, committeeOnlyCategories: committeeOnly });
      onPublished(t('competence.published'));
    });
  };

  if (references.error) return <LoadError error={references.error} />;
  return (
    <form onSubmit={onSubmit} noValidate>
      <h2>{t('competence.editHeading')}</h2>
      <p>{t('competence.editIntro')}</p>
      <FormErrors form={form} labels={labels} />
      {rows.map((row, i) => (
        <fieldset key={i} className="mb-5">
          <legend className="h3">{t('competence.ruleNo', { no: i + 1 })}</legend>
          <SelectField name={`rules.${i}.legalBasisId`} label={t('competence.scope')} value={row.scope} onChange={(v) => set(i, { scope: v })}
            options={scopeOptions} error={form.fieldError(`rules.${i}.legalBasisId`) ?? form.fieldError(`rules.${i}.category`)} />
          <SelectField name={`rules.${i}.decidedBy`} label={t('competence.decidedBy')} value={row.decidedBy} onChange={(v) => set(i, { decidedBy: v })}
            options={competenceDeciders.map((d) => ({ value: d, label: t(`competence.deciders.${d}`) }))} error={form.fieldError(`rules.${i}.decidedBy`)} />
          {row.decidedBy === 'role' && (
            <SelectField name={`rules.${i}.role`} label={t('competence.role')} value={row.role} onChange={(v) => set(i, { role: v })}
              options={competenceRoles.map((r) => ({ value: r, label: t(`competence.roles.${r}`) }))} error={form.fieldError(`rules.${i}.role`)} />
          )}
          {row.decidedBy === 'department_leader' && (
            <SelectField name={`rules.${i}.departmentId`} label={t('competence.department')} value={row.departmentId} onChange={(v) => set(i, { departmentId: v })}
              options={departmentOptions} error={form.fieldError(`rules.${i}.departmentId`)} />
          )}
          <TextField name={`rules.${i}.maxAmountDkk`} label={t('competence.maxAmount')} hint={t('competence.maxAmountHint')} optional className="input-width-s"
            value={row.amount} onChange={(v) => set(i, { amount: v })} error={form.fieldError(`rules.${i}.maxAmountDkk`)} />
          <SelectField name={`rules.${i}.amountPeriod`} label={t('competence.period')} optional value={row.period} onChange={(v) => set(i, { period: v })}
            options={competencePeriods.map((p) => ({ value: p, label: t(`competence.periods.${p}`) }))} error={form.fieldError(`rules.${i}.amountPeriod`)} />
          <SelectField name={`rules.${i}.defaultPayerDepartmentId`} label={t('competence.payer')} optional value={row.payer} onChange={(v) => set(i, { payer: v })}
            options={departmentOptions} error={form.fieldError(`rules.${i}.defaultPayerDepartmentId`)} />
          <button type="button" className="button button-secondary" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
            {t('competence.removeRule', { no: i + 1 })}
          </button>
        </fieldset>
      ))}
      <p><button type="button" className="button button-secondary" onClick={() => setRows((all) => [...all, emptyRow])}>{t('competence.addRule')}</button></p>
      <ChoiceGroup name="committeeOnlyCategories" legend={t('coreDecision.committeeOnly')} hint={t('coreDecision.committeeOnlyHint')} error={form.fieldError('committeeOnlyCategories')}>
        {legalCategories.map((c, i) => (
          <CheckboxField key={c} name="committeeOnlyCategories" id={i === 0 ? 'f-committeeOnlyCategories' : `f-committeeOnlyCategories-${c}`} label={t(`competence.categories.${c}`)}
            checked={committeeOnly.includes(c)} onChange={(on) => setCommitteeOnly((all) => (on ? [...all, c] : all.filter((x) => x !== c)))} />
        ))}
      </ChoiceGroup>
      <TextField name="note" label={t('competence.note')} hint={t('competence.noteHint')} value={note} onChange={setNote} error={form.fieldError('note')} />
      <SubmitRow label={t('competence.publish')} submitting={form.submitting} />
    </form>
  );
}

/** The decision-competence plan (issue 8 item 1): what every staff member may decide, its history, and the leaders' editor. */
export function CompetencePlanPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('competence.title'));
  const [generation, setGeneration] = useState(0);
  const plan = useResource(() => competenceApi.current(), `competence-plan-${generation}`);
  const history = useResource(() => competenceApi.versions(), `competence-versions-${generation}`);
  const [shown, setShown] = useState<string | null>(null);
  const old = useResource(() => (shown ? competenceApi.version(shown) : Promise.resolve(null)), `competence-version-${shown ?? ''}`);
  const [message, setMessage] = useState<string | null>(null);
  const data = plan.data;
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'da-DK');
  return (
    <>
      <h1>{t('competence.title')}</h1>
      <p>{t('competence.intro')}</p>
      {message && <Alert variant="success" live>{message}</Alert>}
      {plan.loading && !data && <Loading />}
      {plan.error && <LoadError error={plan.error} />}
      {data && (data.version === null ? <p>{t('competence.none')}</p> : (
        <>
          <p>{t('competence.inForce', { no: data.version.versionNo, date: date(data.version.publishedAt), by: data.version.publishedBy ?? '' })}</p>
          <p>{t('coreDecision.committeeOnlyShown', {
            categories: data.version.committeeOnlyCategories.map((c) => t(`competence.categories.${c as LegalCategory}`)).join(', ') || t('coreDecision.committeeOnlyNone'),
          })}</p>
          <PlanTable plan={data} caption={t('competence.caption')} />
        </>
      ))}
      {history.data && history.data.versions.length > 0 && (
        <>
          <h2>{t('competence.history')}</h2>
          <ResponsiveTable>
            <caption>{t('competence.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('competence.version')}</th>
                <th scope="col">{t('competence.publishedAt')}</th>
                <th scope="col">{t('competence.publishedBy')}</th>
                <th scope="col">{t('competence.note')}</th>
                <th scope="col"><span className="sr-only">{t('competence.show')}</span></th>
              </tr>
            </thead>
            <tbody>
              {history.data.versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.versionNo}</th>
                  <td>{date(v.publishedAt)}</td>
                  <td>{v.publishedBy ?? ''}</td>
                  <td>{v.note}</td>
                  <td>
                    <button type="button" className="button button-unstyled" aria-pressed={shown === v.id} onClick={() => setShown(shown === v.id ? null : v.id)}>
                      {t('competence.showVersion', { no: v.versionNo })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </ResponsiveTable>
          {old.data?.version && <PlanTable plan={old.data} caption={t('competence.versionCaption', { no: old.data.version.versionNo })} />}
        </>
      )}
      {data?.abilities.canEdit && (
        <PlanEditor key={data.version?.id ?? 'none'} plan={data} onPublished={(text) => { setGeneration((g) => g + 1); setMessage(text); }} />
      )}
    </>
  );
}
