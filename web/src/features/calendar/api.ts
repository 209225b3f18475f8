import { api, request } from '../../api/client';

/** The calendar subscription API (src/modules/calendar) as the web app uses it. */
export interface FeedSubscription {
  active: boolean;
  /** Only in the answer that created it: afterwards the server keeps only a hash. */
  url: string | null;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export const calendarApi = {
  subscription: () => api.get<FeedSubscription>('/calendar/subscription'),
  rotate: () => api.post<FeedSubscription>('/calendar/subscription'),
  revoke: () => request<FeedSubscription>('DELETE', '/calendar/subscription'),
};
