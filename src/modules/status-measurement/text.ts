import { danishDate, type ReminderText } from '../reminders/rules.js';

/**
 * The quarterly reminder to a rater: how many of their cases wait for the status measurement, the due date and a
 * link — no case numbers or names (the least personal data that still helps, as reminders/rules.ts does).
 */
export function statusMeasurementReminder(cases: number, dueBy: string, link: string): ReminderText {
  const what = cases === 1 ? 'én af dine sager' : `${cases} af dine sager`;
  return {
    subject: 'Påmindelse: kvartalets statusmåling i Tovholder',
    body: `Kvartalets statusmåling af kerneelementerne mangler for ${what}. Den skal udfyldes senest ${danishDate(dueBy)}.\n\n`
      + `Se sagerne i Tovholder: ${link}\n\nDenne besked er sendt automatisk fra Tovholder. Du kan ikke svare på den.`,
  };
}
