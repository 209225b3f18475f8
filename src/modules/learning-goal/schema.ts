import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';

export const learningGoalStatuses = ['active', 'achieved', 'dropped'] as const;

export const LearningGoalInput = z.object({
  /** Whose goal it is; the caller when left out (an employee setting their own goal with their leader). */
  employeeUserId: Id.optional(),
  /** The employee's leader; the caller when left out (a leader setting the goal with the employee). */
  leaderUserId: Id.optional(),
  buddyUserId: Id.nullish(),
  goal: RequiredText(2000),
  followUpOn: IsoDate,
  notes: OptionalText(5000),
});
export type LearningGoalInput = z.infer<typeof LearningGoalInput>;

export const LearningGoalUpdate = z.object({
  goal: RequiredText(2000).optional(),
  followUpOn: IsoDate.optional(),
  status: z.enum(learningGoalStatuses).optional(),
  notes: OptionalText(5000),
  buddyUserId: Id.nullish(),
  version: Version,
});
export type LearningGoalUpdate = z.infer<typeof LearningGoalUpdate>;

const Person = z.object({ userId: z.string().uuid(), name: z.string() });

export const LearningGoalView = z.object({
  id: z.string().uuid(),
  employee: Person,
  leader: Person,
  buddy: Person.nullable(),
  goal: z.string(),
  followUpOn: z.string(),
  status: z.enum(learningGoalStatuses),
  notes: z.string().nullable(),
  /** The caller's relation to the goal: why they see it. */
  relation: z.enum(['employee', 'leader', 'buddy']),
  followUpDue: z.boolean(),
  version: z.number().int(),
  abilities: Abilities,
});
export type LearningGoalView = z.infer<typeof LearningGoalView>;

export const LearningGoalList = z.object({ goals: z.array(LearningGoalView) });
export type LearningGoalList = z.infer<typeof LearningGoalList>;

export const LearningGoalQuery = z.object({ employeeUserId: Id.optional() });

/** Who the caller may set goals with: their leaders (as employee) and their department's staff (as leader). */
export const LearningGoalPeople = z.object({
  leaders: z.array(Person),
  employees: z.array(Person),
  colleagues: z.array(Person),
});
export type LearningGoalPeople = z.infer<typeof LearningGoalPeople>;
