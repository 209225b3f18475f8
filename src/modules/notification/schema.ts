import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';
import { notificationSources } from './rules.js';

/** Barnets Lov §137: notifications (underretninger) on a case and the re-assessments they open. */

export const NotificationSource = z.enum(notificationSources);

export const NotificationInput = z.object({
  receivedOn: IsoDate,
  source: NotificationSource,
  summary: RequiredText(8000),
});
export type NotificationInput = z.infer<typeof NotificationInput>;

/** Assign the re-assessment to someone new to the case, and/or complete it with a conclusion. */
export const ReassessmentUpdate = z.object({
  assignedUserId: Id.optional(),
  conclusion: OptionalText(8000),
  completedOn: IsoDate.optional(),
  version: Version,
});
export type ReassessmentUpdate = z.infer<typeof ReassessmentUpdate>;

export const ReassessmentView = z.object({
  id: z.string().uuid(),
  notificationId: z.string().uuid(),
  openedOn: z.string(),
  assignedUserId: z.string().uuid().nullable(),
  assignedUserName: z.string().nullable(),
  completedOn: z.string().nullable(),
  conclusion: z.string().nullable(),
  completedByName: z.string().nullable(),
  /** Staff who were on the case before the notification: not "new to the case" (Barnets Lov §137), so not to be chosen. */
  notNewUserIds: z.array(z.string().uuid()),
  version: z.number().int(),
  abilities: Abilities,
});
export type ReassessmentView = z.infer<typeof ReassessmentView>;

export const NotificationView = z.object({
  id: z.string().uuid(),
  receivedOn: z.string(),
  source: NotificationSource,
  summary: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  /** Null when the notification did not arrive on an open case. */
  reassessment: ReassessmentView.nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const CaseNotifications = z.object({
  caseId: z.string().uuid(),
  /** Newest first. */
  notifications: z.array(NotificationView),
  abilities: Abilities,
});
export type CaseNotifications = z.infer<typeof CaseNotifications>;
