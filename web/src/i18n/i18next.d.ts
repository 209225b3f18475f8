import 'i18next';
import type da from './da.json';

/** Typed translation keys: a key that is not in da.json is a compile error. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof da };
    returnNull: false;
  }
}
