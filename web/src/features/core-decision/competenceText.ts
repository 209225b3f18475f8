import type { TFunction } from 'i18next';
import type { CompetenceBasis, CompetenceCode } from './api';

/** The plan's rule for a basis in words: who may grant it and up to which amount (the UI side of decision/rules.ts). */
export function limitText(t: TFunction, basis: CompetenceBasis): string {
  if (basis.maxAmountDkk === null || basis.amountPeriod === null) return '';
  return t('coreDecision.limit', { amount: basis.maxAmountDkk.toLocaleString('da-DK'), period: t(`coreDecision.periods.${basis.amountPeriod}`) });
}

export function whoText(t: TFunction, basis: CompetenceBasis): string {
  switch (basis.decidedBy) {
    case 'role': return t(`coreDecision.who.role.${(basis.role ?? 'coordinator') as 'coordinator'}`);
    case 'department_leader': return t('coreDecision.who.department_leader', { department: basis.departmentName ?? '' });
    case 'core_team': return t('coreDecision.who.core_team');
    case 'visitation_committee': return t('coreDecision.who.visitation_committee');
    default: return '';
  }
}

/** "What may I grant?" for one basis. */
export function routeText(t: TFunction, basis: CompetenceBasis): string {
  return t(`coreDecision.routes.${basis.route}`, { basis: basis.legalBasisLabel, limit: limitText(t, basis), who: whoText(t, basis) });
}

/** Why the server refused a grant, naming who can (the API's code, translated with the plan's rule). */
export function refusalText(t: TFunction, code: CompetenceCode, basis: CompetenceBasis | undefined): string {
  return t(`coreDecision.refusals.${code}`, {
    basis: basis?.legalBasisLabel ?? '', limit: basis ? limitText(t, basis) : '', who: basis ? whoText(t, basis) : '',
  });
}
