import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { leaderApi } from './api';

/** The header's badge for a leader: open escalations of their department (refreshed on each page change). */
export function useOpenEscalations(enabled: boolean): number {
  const [count, setCount] = useState(0);
  const location = useLocation();
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    leaderApi.escalationCount().then((c) => { if (current) setCount(c.open); }, () => { /* the header stays quiet; pages show errors */ });
    return () => { current = false; };
  }, [enabled, location.pathname]);
  return enabled ? count : 0;
}
