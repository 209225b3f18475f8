import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { familyMessagesApi } from './api';

/** The header's notification: how many family messages wait for the staff member (refreshed on each page change). */
export function useUnreadFamilyMessages(enabled: boolean): number {
  const [count, setCount] = useState(0);
  const location = useLocation();
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    familyMessagesApi.unread().then((u) => { if (current) setCount(u.count); }, () => { /* the header stays quiet; pages show errors */ });
    return () => { current = false; };
  }, [enabled, location.pathname]);
  return enabled ? count : 0;
}
