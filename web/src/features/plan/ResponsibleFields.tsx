import { useTranslation } from 'react-i18next';
import type { Plan, ResponsibleInput } from './api';
import { pathId } from './planText';

/**
 * Chooses who answers for a goal or an activity: a family member, a staff member (incl. a partner with a login) or a
 * partner named in free text. Two labelled inputs; the error for the path is shown under them.
 */
export function ResponsibleFields({ path, label, value, onChange, plan, error }: {
  path: string; label: string; value: ResponsibleInput; onChange: (value: ResponsibleInput) => void; plan: Plan; error?: string;
}) {
  const { t } = useTranslation();
  const kindId = pathId(`${path}.kind`);
  const valueId = pathId(value.kind === 'person' ? `${path}.personId` : value.kind === 'user' ? `${path}.userId` : `${path}.name`);
  const setKind = (kind: string) => {
    if (kind === 'person') onChange({ kind: 'person', personId: '' });
    else if (kind === 'user') onChange({ kind: 'user', userId: '' });
    else onChange({ kind: 'partner', name: '' });
  };
  return (
    <div className={`plan-responsible${error ? ' form-error' : ''}`}>
      <div className="form-group">
        <label className="form-label" htmlFor={kindId}>{t('plan.responsibleKindOf', { label })}</label>
        <select id={kindId} className="form-select" value={value.kind} onChange={(e) => setKind(e.target.value)}>
          <option value="person">{t('plan.kind.person')}</option>
          <option value="user">{t('plan.kind.user')}</option>
          <option value="partner">{t('plan.kind.partner')}</option>
        </select>
      </div>
      <div className="form-group">
        <label className="form-label" htmlFor={valueId}>{label}</label>
        {error && <span className="form-error-message" id={`${valueId}-error`}><span className="sr-only">{t('errors.prefix')}: </span>{error}</span>}
        {value.kind === 'person' && (
          <select id={valueId} className="form-select" value={value.personId} aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${valueId}-error` : undefined} onChange={(e) => onChange({ kind: 'person', personId: e.target.value })}>
            <option value="">{t('app.choose')}</option>
            {plan.members.map((m) => <option key={m.personId} value={m.personId}>{m.name} ({t(`relation.${m.relation as 'child'}`)})</option>)}
          </select>
        )}
        {value.kind === 'user' && (
          <select id={valueId} className="form-select" value={value.userId} aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${valueId}-error` : undefined} onChange={(e) => onChange({ kind: 'user', userId: e.target.value })}>
            <option value="">{t('app.choose')}</option>
            {plan.staff.map((s) => <option key={s.userId} value={s.userId}>{s.name}</option>)}
          </select>
        )}
        {value.kind === 'partner' && (
          <input id={valueId} className="form-input" value={value.name} aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${valueId}-error` : undefined} onChange={(e) => onChange({ kind: 'partner', name: e.target.value })} />
        )}
      </div>
    </div>
  );
}
