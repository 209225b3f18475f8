import { z } from 'zod';
import { Abilities, Id, IsoDate, RequiredText, Version } from '../../platform/http/fields.js';
import { seriesKinds } from './rules.js';

export const SeriesInput = z.object({
  kind: z.enum(seriesKinds),
  title: RequiredText(200),
  firstOn: IsoDate,
  memberUserIds: z.array(Id).min(1, 'required: Choose the members.').max(50),
});
export type SeriesInput = z.infer<typeof SeriesInput>;

export const MeetingInput = z.object({ scheduledOn: IsoDate.optional() });
export const DecisionInput = z.object({ text: RequiredText(2000), responsibleUserId: Id, dueOn: IsoDate.nullish() });
export type DecisionInput = z.infer<typeof DecisionInput>;
export const HoldInput = z.object({ minutes: RequiredText(20000), version: Version });
export type HoldInput = z.infer<typeof HoldInput>;

const Person = z.object({ userId: z.string().uuid(), name: z.string() });

export const MeetingSummary = z.object({ id: z.string().uuid(), scheduledOn: z.string(), status: z.enum(['planned', 'held']), heldOn: z.string().nullable() });

export const SeriesView = z.object({
  id: z.string().uuid(),
  kind: z.enum(seriesKinds),
  title: z.string(),
  firstOn: z.string(),
  intervalMonths: z.number().int(),
  members: z.array(Person),
  meetings: z.array(MeetingSummary),
  nextDates: z.array(z.string()),
  abilities: Abilities,
});
export type SeriesView = z.infer<typeof SeriesView>;

export const SeriesList = z.object({ series: z.array(SeriesView.omit({ members: true })), abilities: Abilities });
export type SeriesList = z.infer<typeof SeriesList>;

export const AgendaItemView = z.object({
  source: z.string(),
  count: z.number().int(),
  /** caseId only when the viewer may open the case; otherwise the case number alone. */
  cases: z.array(z.object({ caseNumber: z.string(), caseId: z.string().uuid().nullable() })),
  people: z.array(z.object({ name: z.string(), count: z.number().int() })).optional(),
});

export const DecisionView = z.object({
  id: z.string().uuid(), text: z.string(), responsible: Person, dueOn: z.string().nullable(), createdAt: z.string(),
});

export const MeetingView = z.object({
  id: z.string().uuid(),
  series: z.object({ id: z.string().uuid(), kind: z.enum(seriesKinds), title: z.string() }),
  scheduledOn: z.string(),
  status: z.enum(['planned', 'held']),
  heldOn: z.string().nullable(),
  /** Live while planned; as it stood when the meeting was held afterwards. */
  agenda: z.array(AgendaItemView),
  minutes: z.string().nullable(),
  minutesSentAt: z.string().nullable(),
  decisions: z.array(DecisionView),
  members: z.array(Person),
  version: z.number().int(),
  abilities: Abilities,
});
export type MeetingView = z.infer<typeof MeetingView>;
