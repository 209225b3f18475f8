import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Icon } from './Icon';

export interface Crumb { label: string; to?: string }

/** DKFDS breadcrumbs; the last crumb is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumbs" aria-label={t('app.breadcrumbs')}>
      <ol className="breadcrumbs__list">
        {items.map((item, index) => (
          <Fragment key={`${index}-${item.label}`}>
            {item.to ? (
              <li className="breadcrumbs__list-item">
                {index > 0 && <Icon name="chevron-right" />}
                <Link className="breadcrumbs__link" to={item.to}>{item.label}</Link>
              </li>
            ) : (
              <li className="breadcrumbs__list-item" aria-current="page">
                {index > 0 && <Icon name="chevron-right" />}
                {item.label}
              </li>
            )}
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
