import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { AppHeader } from './AppHeader';
import { SkipLink } from './SkipLink';

/**
 * After a client-side navigation, focus goes to the new page's <h1>, so screen-reader and keyboard users start at
 * the top of the new content (not when the user is already typing in a field).
 */
function useFocusHeadingOnNavigation(): void {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    const timer = window.setInterval(() => {
      tries += 1;
      const active = document.activeElement;
      if (active && active.matches('input, select, textarea')) {
        window.clearInterval(timer);
        return;
      }
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: false });
        window.clearInterval(timer);
      } else if (tries > 40) {
        window.clearInterval(timer);
      }
    }, 25);
    return () => window.clearInterval(timer);
  }, [location.pathname]);
}

/** Skip link, header, main landmark and footer around every page. */
export function AppLayout() {
  const { t } = useTranslation();
  useFocusHeadingOnNavigation();
  return (
    <>
      <SkipLink />
      <AppHeader />
      <main id="main-content" className="container page-container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer>
        <div className="footer">
          <div className="container">
            <p className="footer-text">{t('app.footer')}</p>
          </div>
        </div>
      </footer>
    </>
  );
}
