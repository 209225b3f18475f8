import { useLocation } from 'react-router-dom';
import { Alert } from './Alert';

/** Navigation state that carries a confirmation to the next page ("The family has been created."). */
export interface FlashState { flash?: string }

/** Shows the confirmation a previous page passed along, if any. */
export function Flash() {
  const location = useLocation();
  const message = (location.state as FlashState | null)?.flash;
  if (!message) return null;
  return <Alert variant="success" live>{message}</Alert>;
}
