import { api, setCsrfToken } from './client';
import type {
  AccessLogEntry, Case, CaseInput, CaseUpdate, Department, Family, FamilyInput, LegalBasis, Measure, MeasureInput,
  MemberInput, MyFamily, Person, PersonInput, SearchHit, SessionView, Staff, User, UserInput,
} from './types';

const id = (value: string) => encodeURIComponent(value);

/** Logging in and out; both keep the CSRF token in step with the session. */
export const authApi = {
  async login(email: string, password: string): Promise<SessionView> {
    const session = await api.post<SessionView>('/auth/login', { email, password }, { quietUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async session(): Promise<SessionView> {
    const session = await api.get<SessionView>('/auth/session', { quietUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    try {
      await api.post('/auth/logout', {}, { quietUnauthorized: true });
    } finally {
      setCsrfToken(null);
    }
  },
};

/** Reference data for forms: departments, colleagues and legal bases. */
export const referenceApi = {
  departments: () => api.get<Department[]>('/departments'),
  staff: () => api.get<Staff[]>('/staff'),
  legalBases: () => api.get<LegalBasis[]>('/legal-bases'),
};

export const familyApi = {
  mine: () => api.get<MyFamily[]>('/my-families'),
  search: (q: string) => api.get<SearchHit[]>(`/search?q=${encodeURIComponent(q)}`),
  get: (familyId: string) => api.get<Family>(`/families/${id(familyId)}`),
  create: (input: FamilyInput) => api.post<Family>('/families', input),
  update: (familyId: string, input: Partial<FamilyInput> & { version: number }) => api.patch<Family>(`/families/${id(familyId)}`, input),
  addMember: (familyId: string, input: MemberInput) => api.post<Family>(`/families/${id(familyId)}/members`, input),
  updatePerson: (personId: string, input: Partial<PersonInput> & { version: number }) => api.patch<Person>(`/persons/${id(personId)}`, input),
};

export const caseApi = {
  get: (caseId: string) => api.get<Case>(`/cases/${id(caseId)}`),
  create: (input: CaseInput) => api.post<Case>('/cases', input),
  update: (caseId: string, input: CaseUpdate) => api.patch<Case>(`/cases/${id(caseId)}`, input),
  accessLog: (caseId: string) => api.get<AccessLogEntry[]>(`/cases/${id(caseId)}/access-log`),
  addAssignment: (caseId: string, input: { userId: string; role: string; startsOn: string }) =>
    api.post<Case>(`/cases/${id(caseId)}/assignments`, input),
  endAssignment: (assignmentId: string, endsOn: string) => api.post<Case>(`/assignments/${id(assignmentId)}/end`, { endsOn }),
  addTeamMember: (caseId: string, input: { userId: string; teamRole: string }) => api.post<Case>(`/cases/${id(caseId)}/team-members`, input),
  removeTeamMember: (memberId: string, removedOn: string) => api.post<Case>(`/team-members/${id(memberId)}/remove`, { removedOn }),
};

export const measureApi = {
  add: (caseId: string, input: MeasureInput) => api.post<Measure>(`/cases/${id(caseId)}/measures`, input),
  update: (measureId: string, input: Partial<MeasureInput> & { version: number }) => api.patch<Measure>(`/measures/${id(measureId)}`, input),
  remove: (measureId: string, version: number) => api.delete<void>(`/measures/${id(measureId)}?version=${version}`),
};

export const adminApi = {
  users: () => api.get<User[]>('/users'),
  createUser: (input: UserInput) => api.post<User>('/users', input),
};
