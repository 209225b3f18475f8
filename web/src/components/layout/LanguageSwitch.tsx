import { useTranslation } from 'react-i18next';
import { Icon } from '../Icon';

/** Switches between Danish and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const target = t('language.switchToCode');
  return (
    <button
      type="button"
      className="function-link language-switch"
      lang={target}
      onClick={() => void i18n.changeLanguage(target)}
    >
      <Icon name="language" />
      {t('language.switchTo')}
    </button>
  );
}
