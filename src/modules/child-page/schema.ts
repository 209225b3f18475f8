import { z } from 'zod';
import { Abilities, CreateVersion } from '../../platform/http/fields.js';
import { childPageQuestionKeys } from './rules.js';

/** The child's page (issue 5 item 5). */

export const ChildPageQuestionKey = z.enum(childPageQuestionKeys);

export const ChildPagePermissionInput = z.object({
  allowed: z.boolean({ error: 'required: Say whether the child\'s page is open.' }),
  /** The version the parent saw; 0 when no parent has opened or closed the page yet (the view's version is null). Stale: 409. */
  version: CreateVersion,
});
export type ChildPagePermissionInput = z.infer<typeof ChildPagePermissionInput>;

export const ChildPageAnswersInput = z.object({
  answers: z.array(z.object({
    question: ChildPageQuestionKey,
    /** A whole number; the range is the rule's (422 score_range). */
    score: z.number({ error: 'required: Choose a smiley.' }).int('score_range: Choose one of the 5 smileys.'),
  })).min(1, 'required: Answer at least one question.').max(childPageQuestionKeys.length),
});
export type ChildPageAnswersInput = z.infer<typeof ChildPageAnswersInput>;

/**
 * A child's page as the parent's session sees it. Never the child's earlier answers: they are for the caseworker
 * (the child's own voice), so a parent handing the device over does not read them afterwards.
 */
export const ChildPageView = z.object({
  childId: z.string(),
  firstName: z.string(),
  allowed: z.boolean(),
  questions: z.array(ChildPageQuestionKey),
  answeredToday: z.boolean(),
  /** The permission's version; null until a parent first opens or closes the page. */
  version: z.number().int().nullable(),
  abilities: Abilities,
});
export type ChildPageView = z.infer<typeof ChildPageView>;

export const ChildPageList = z.object({ children: z.array(ChildPageView) });
export type ChildPageList = z.infer<typeof ChildPageList>;
