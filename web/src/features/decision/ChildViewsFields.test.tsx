import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import da from '../../i18n/da.json';
import { ChildViewsFields, childViewsBody, childViewsLabels, emptyChildViews } from './ChildViewsFields';

// Its own i18next instance: web/src/i18n/index.ts needs a browser (document, localStorage).
const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({ resources: { da: { translation: da } }, lng: 'da', interpolation: { escapeValue: false } });

const values = { method: 'conversation', viewsOn: '2026-01-02', views: 'Hun vil gerne', notObtainedReason: '' };
const noErrors = () => undefined;
const render = (node: ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
const ignore = () => {};

describe('ChildViewsFields', () => {
  it('ties every label to its input by the API field name, so the error summary links to it', () => {
    const html = render(<ChildViewsFields values={values} onChange={ignore} errors={noErrors} />);
    for (const [name, label] of Object.entries(childViewsLabels(i18n.t))) {
      expect(html).toContain(`for="f-${name}"`);
      expect(html).toContain(`id="f-${name}"`);
      expect(html).toContain(label);
    }
    expect(html).toContain('<legend class="h3">Barnets synspunkter (Barnets Lov §5)</legend>');
    expect(html).toContain('value="2026-01-02"');
    expect(html).toContain('>Hun vil gerne</textarea>');
  });

  it('the decision form explains the duty: introduction, and a hint the reason field is described by', () => {
    const html = render(<ChildViewsFields values={values} onChange={ignore} errors={noErrors} />);
    expect(html).toContain(`<p>${da.decision.childViewsIntro}</p>`);
    expect(html).toContain('id="f-childViewsNotObtainedReason-hint"');
    expect(html).toContain('aria-describedby="f-childViewsNotObtainedReason-hint"');
    expect(html).toMatch(/rows="4"[^>]*name="childViews"|name="childViews"[^>]*rows="4"/);
  });

  it('the compact variant (the proposal form) has neither introduction nor hint, and smaller text boxes', () => {
    const html = render(<ChildViewsFields values={values} onChange={ignore} errors={noErrors} compact />);
    expect(html).not.toContain(da.decision.childViewsIntro);
    expect(html).not.toContain('-hint');
    expect(html).not.toContain('aria-describedby');
    expect(html).toMatch(/name="childViews"[^>]*rows="3"/);
    expect(html).toMatch(/name="childViewsNotObtainedReason"[^>]*rows="2"/);
  });

  it('shows the API\'s message on the field it names, described by it and marked invalid', () => {
    const html = render(<ChildViewsFields values={values} onChange={ignore} errors={(f) => (f === 'childViewsOn' ? 'Datoen mangler' : undefined)} compact />);
    expect(html).toContain('id="f-childViewsOn-error"');
    expect(html).toContain('aria-describedby="f-childViewsOn-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('Datoen mangler');
    expect(html.match(/aria-invalid/g)).toHaveLength(1);
  });
});

describe('childViewsBody', () => {
  it('sends empty fields as null and trims the rest', () => {
    expect(childViewsBody(emptyChildViews)).toEqual({ childViewsMethod: null, childViewsOn: null, childViews: null, childViewsNotObtainedReason: null });
    expect(childViewsBody({ method: 'conversation', viewsOn: '2026-01-02', views: ' Ja ', notObtainedReason: '  ' })).toEqual({
      childViewsMethod: 'conversation', childViewsOn: '2026-01-02', childViews: 'Ja', childViewsNotObtainedReason: null,
    });
  });
});
