import { useTranslation } from 'react-i18next';

/** "Gå til sidens indhold": the first thing a keyboard user meets; moves focus to <main>. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skipnav"
      href="#main-content"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main-content')?.focus();
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}
