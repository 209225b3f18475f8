import { createHash } from 'node:crypto';
import type { IcsAttendee } from './ics.js';

/**
 * What a calendar entry of a meeting says. A calendar leaves Tovholder: it is synced by Google, Apple or Microsoft
 * and shown on a locked phone screen. So the entry says only what a participant needs to turn up: the kind of
 * meeting, when, and a link into Tovholder, where the rest is behind the login. Never the family's or child's name,
 * the meeting's free-text title (it may name the family), the CPR number, the measures (§§ reveal a disability) or
 * the minutes. The invitation, fetched by a logged-in participant, adds the place and the participants' addresses;
 * the subscribed feed leaves those out too (the place may be the family's home).
 */

export const meetingTypeLabels: Record<string, string> = {
  start_conversation: 'Opstartssamtale',
  child_conversation: 'Børnesamtale',
  home_visit: 'Hjemmebesøg',
  assessment_meeting: 'Udredningsmøde',
  analysis_meeting: 'Analysemøde',
  summary_meeting: 'Opsamlende møde',
  status_meeting: 'Statusmøde',
  network_meeting: 'Netværksmøde',
  follow_up: 'Opfølgning',
};

/** The register has a start time only: conversations and follow-ups are booked for an hour, team meetings 90 minutes. */
export function durationMinutes(type: string): number {
  return ['assessment_meeting', 'analysis_meeting', 'summary_meeting', 'status_meeting', 'network_meeting'].includes(type) ? 90 : 60;
}

export function summaryOf(type: string): string {
  return `${meetingTypeLabels[type] ?? 'Møde'} (Tovholder)`;
}

export function descriptionOf(link: string): string {
  return `Mødet i Tovholder: ${link}\n\nLog ind for at se deltagere, dagsorden og sted.`;
}

/** A stable UID per meeting (RFC 5545 §3.8.4.7): every version of the invitation updates the same calendar entry. */
export function uidOf(meetingId: string): string {
  return `meeting-${meetingId}@tovholder`;
}

export interface EventFacts {
  scheduledAt: string;
  type: string;
  status: string;
  location: string | null;
  organizer: string | null;
  attendees: IcsAttendee[];
}

/**
 * A hash of everything an invitation says. When it changes, the SEQUENCE goes up (RFC 5545 §3.8.7.4), whichever
 * module changed the meeting, and calendar clients replace their copy.
 */
export function fingerprintOf(facts: EventFacts): string {
  const attendees = facts.attendees.map((a) => `${a.role}:${a.email.toLowerCase()}:${a.name ?? ''}`).sort();
  return createHash('sha256').update(JSON.stringify([facts.scheduledAt, facts.type, facts.status, facts.location, facts.organizer, attendees])).digest('base64url');
}
