/**
 * Writing iCalendar (RFC 5545) by hand, small and exact: CRLF line ends, lines folded at 75 octets without splitting
 * a UTF-8 character (§3.1), TEXT values escaped (§3.3.11), parameter values quoted when needed (§3.2), times in UTC.
 */

export interface IcsAttendee {
  email: string;
  name: string | null;
  role: 'CHAIR' | 'REQ-PARTICIPANT';
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  url: string | null;
  location: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
  organizer: { email: string; name: string | null } | null;
  attendees: IcsAttendee[];
}

export interface IcsCalendar {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH' | null;
  name: string | null;
  /** RFC 7986 REFRESH-INTERVAL for subscribed feeds, e.g. 'PT1H'. */
  refreshInterval: string | null;
  events: IcsEvent[];
}

/** TEXT escaping (§3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (§3.2): no DQUOTE or control characters allowed; quoted when it holds ':', ';' or ','. */
export function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** 20261124T090000Z */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Folds one content line at 75 octets (§3.1): continuation lines start with one space; UTF-8 characters stay whole. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

function mailto(email: string): string {
  return `mailto:${email.replace(/[\s"<>]/g, '')}`;
}

function eventLines(event: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(event.stamp)}`,
    `DTSTART:${utcStamp(event.start)}`,
    `DTEND:${utcStamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `STATUS:${event.status}`,
    'CLASS:PRIVATE',
    'TRANSP:OPAQUE',
  ];
  if (event.url) lines.push(`URL:${event.url}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.organizer) {
    lines.push(`ORGANIZER${event.organizer.name ? `;CN=${paramValue(event.organizer.name)}` : ''}:${mailto(event.organizer.email)}`);
  }
  for (const attendee of event.attendees) {
    const cn = attendee.name ? `;CN=${paramValue(attendee.name)}` : '';
    lines.push(`ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=${attendee.role};PARTSTAT=NEEDS-ACTION;RSVP=FALSE${cn}:${mailto(attendee.email)}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar object as text, every line folded and CRLF-terminated. */
export function formatCalendar(calendar: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tovholder//Tovholder//DA', 'CALSCALE:GREGORIAN'];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`, `NAME:${escapeText(calendar.name)}`);
  if (calendar.refreshInterval) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${calendar.refreshInterval}`, `X-PUBLISHED-TTL:${calendar.refreshInterval}`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
