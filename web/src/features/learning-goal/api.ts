import { api } from '../../api/client';
import type { Abilities } from '../../api/types';

/** Individual learning goals as the API sends them (src/modules/learning-goal/schema.ts). */
export type GoalStatus = 'active' | 'achieved' | 'dropped';
export interface Person { userId: string; name: string }
export interface LearningGoal {
  id: string; employee: Person; leader: Person; buddy: Person | null; goal: string; followUpOn: string; status: GoalStatus; notes: string | null;
  relation: 'employee' | 'leader' | 'buddy'; followUpDue: boolean; version: number; abilities: Abilities;
}
export interface GoalPeople { leaders: Person[]; employees: Person[]; colleagues: Person[] }

const id = encodeURIComponent;
export const learningGoalApi = {
  list: () => api.get<{ goals: LearningGoal[] }>('/learning-goals'),
  people: () => api.get<GoalPeople>('/learning-goals/people'),
  create: (input: { employeeUserId?: string; leaderUserId?: string; buddyUserId: string | null; goal: string; followUpOn: string; notes: string | null }) =>
    api.post<LearningGoal>('/learning-goals', input),
  update: (goalId: string, input: { status?: GoalStatus; notes?: string | null; followUpOn?: string; version: number }) => api.patch<LearningGoal>(`/learning-goals/${id(goalId)}`, input),
};
