import { z } from 'zod';
import { Abilities, IsoDate, RequiredText } from '../../platform/http/fields.js';
import { screeningOutcomes } from './rules.js';

/** Barnets Lov §18 screening: schemas for recording and listing a case's screenings. */

export const ScreeningOutcome = z.enum(screeningOutcomes);

export const ScreeningInput = z.object({
  /** The day the municipality became aware of (or came to suspect) the need. */
  awareOn: IsoDate,
  screenedOn: IsoDate,
  outcome: ScreeningOutcome,
  reasons: RequiredText(8000),
});
export type ScreeningInput = z.infer<typeof ScreeningInput>;

export const ScreeningView = z.object({
  id: z.string().uuid(),
  awareOn: z.string(),
  screenedOn: z.string(),
  outcome: ScreeningOutcome,
  reasons: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type ScreeningView = z.infer<typeof ScreeningView>;

export const CaseScreenings = z.object({
  caseId: z.string().uuid(),
  /** Newest first. */
  screenings: z.array(ScreeningView),
  abilities: Abilities,
});
export type CaseScreenings = z.infer<typeof CaseScreenings>;
