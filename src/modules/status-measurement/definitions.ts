/**
 * The status measurement's questionnaires as versioned data, one per model (issue 9 item 7 = issue 10 item 6).
 * Data, not code branches: the form, the validation and the analysis all read these definitions.
 *
 * Sources. The four core elements and their names are the report's (004:546-579 for EFEI, 004:597-641 for SOF).
 * The report says each element is scored by "en række indeksspørgsmål" on a 1-6 scale (004:4894-4897) but gives
 * neither their wording nor their number (evaluation.md §4.1). The index questions below are therefore
 * **Tovholder's wording** (`wording: 'tovholder'`), each built from one of the "tegn på" (signs that the municipality
 * works with the element) the report lists for that element, cited per question. A municipality may later publish its
 * own version; a released version is never changed (measurements keep the version they were made with).
 */

export type ModelKey = 'efei' | 'sof';

export interface IndexQuestion {
  key: string;
  da: string;
  en: string;
  /** 'tovholder': Tovholder's wording, based on the cited sign in the report; 'source': verbatim from the source. */
  wording: 'tovholder' | 'source';
  source: string;
}

export interface CoreElement {
  key: string;
  /** The element's number in the model description (not the report's figure numbering, see references.ts). */
  number: number;
  nameDa: string;
  nameEn: string;
  source: string;
  questions: IndexQuestion[];
}

export interface StatusMeasurementDefinition {
  model: ModelKey;
  version: number;
  elements: CoreElement[];
}

/** The scale (004:1942-1943, 004:4895-4897); 2-5 are not labelled in the report (instruments.json: inferred). */
export const scaleMin = 1;
export const scaleMax = 6;
export const scaleLabels = {
  da: { 1: 'Slet ikke', 6: 'I meget høj grad' },
  en: { 1: 'Not at all', 6: 'To a very high degree' },
} as const;

const q = (key: string, da: string, en: string, source: string): IndexQuestion => ({ key, da, en, wording: 'tovholder', source });

export const definitions: StatusMeasurementDefinition[] = [
  {
    model: 'efei', version: 1,
    elements: [
      {
        key: 'family_involvement', number: 1, nameDa: 'Inddragelse af familien', nameEn: 'Involvement of the family', source: '004:546-551',
        questions: [
          q('efei_involvement_assessment', 'Familien deltager i de indledende udredningsmøder.', 'The family takes part in the initial assessment meetings.', '004:549'),
          q('efei_involvement_goals', 'Familien er med til at opstille målene for indsatsen til barnet.', 'The family helps set the goals for the support to the child.', '004:549-550'),
          q('efei_involvement_needs', 'Vi afstemmer løbende familiens behov med familien.', 'We continuously check the family\'s needs with the family.', '004:550-551'),
        ],
      },
      {
        key: 'coordinated_casework', number: 2, nameDa: 'Koordineret sagsbehandling', nameEn: 'Coordinated casework', source: '004:554-561',
        questions: [
          q('efei_coordination_interdisciplinary', 'Udredningen af barnets og familiens behov sker tværfagligt.', 'The assessment of the child\'s and family\'s needs is interdisciplinary.', '004:558-559'),
          q('efei_coordination_status_meetings', 'Kerneteamet holder statusmøder med en fast mødekadence.', 'The core team holds status meetings at a fixed cadence.', '004:559-560'),
          q('efei_coordination_partners', 'Eksterne samarbejdspartnere (fx PPR, psykolog, skole) deltager i tværfaglige analysemøder.', 'External partners (e.g. PPR, psychologist, school) take part in interdisciplinary analysis meetings.', '004:560-561'),
        ],
      },
      {
        key: 'common_systematic_approach', number: 3, nameDa: 'Fælles systematisk tilgang', nameEn: 'Common systematic approach', source: '004:564-570',
        questions: [
          q('efei_systematic_guidelines', 'De fælles retningslinjer for møder er et tydeligt aftalegrundlag mellem familiekoordinatoren og familien.', 'The common meeting guidelines are a clear basis of agreement between the family coordinator and the family.', '004:567-569'),
          q('efei_systematic_one_plan', 'Forvaltningsområderne arbejder med familien ud fra én fælles plan.', 'The administrative areas work with the family from one joint plan.', '004:569-570'),
        ],
      },
      {
        key: 'joint_financing', number: 4, nameDa: 'Fælles finansiering', nameEn: 'Joint financing', source: '004:573-579',
        questions: [
          q('efei_financing_discussed', 'Mulighederne for fælles finansiering drøftes i sagen.', 'The options for joint financing are discussed in the case.', '004:576-577'),
          q('efei_financing_workflows', 'Arbejdsgangene for fælles finansiering er afdækket.', 'The workflows for joint financing are mapped.', '004:577-578'),
          q('efei_financing_model', 'Der er en model for den fælles finansiering, som bruges i sagen.', 'There is a model for joint financing that is used in the case.', '004:578-579'),
        ],
      },
    ],
  },
  {
    model: 'sof', version: 1,
    elements: [
      {
        key: 'family_involvement', number: 1, nameDa: 'Inddragelse af familien', nameEn: 'Involvement of the family', source: '004:596-602',
        questions: [
          q('sof_involvement_child', 'Vi bruger systematisk børnesamtaler og/eller observationer af barnet ved opstart og udredning.', 'We systematically use child conversations and/or observations at start and assessment.', '004:599-600'),
          q('sof_involvement_available', 'Vi er fleksible og tilgængelige for familien.', 'We are flexible and available to the family.', '004:600-601'),
          q('sof_involvement_resources', 'Vi har en anerkendende tilgang med fokus på familiens ressourcer.', 'We take an appreciative approach focused on the family\'s resources.', '004:601-602'),
        ],
      },
      {
        key: 'cross_sector_collaboration', number: 2, nameDa: 'Styrket tværgående samarbejde', nameEn: 'Strengthened cross-sector collaboration', source: '004:605-614',
        questions: [
          q('sof_collaboration_network', 'Vi holder løbende netværksmøder med eksterne aktører.', 'We hold regular network meetings with external actors.', '004:611-612'),
          q('sof_collaboration_contract', 'Aftalerne med familien er "kontraktbaserede" med klar rolle- og ansvarsfordeling.', 'Agreements with the family are "contract-based" with clear roles and responsibilities.', '004:612-614'),
        ],
      },
      {
        key: 'systematic_follow_up', number: 3, nameDa: 'Systematisk og hyppig opfølgning', nameEn: 'Systematic and frequent follow-up', source: '004:617-625',
        questions: [
          q('sof_follow_up_cadence', 'Vi følger op med familien med fast kadence efter reglerne for sagstypen.', 'We follow up with the family at the fixed cadence for the case type.', '004:620-622'),
          q('sof_follow_up_informal', 'Vi er tilgængelige for uformelle samtaler med familien efter behov.', 'We are available for informal talks with the family when needed.', '004:623-625'),
        ],
      },
      {
        key: 'shared_goals', number: 4, nameDa: 'Fælles målbillede', nameEn: 'Shared picture of goals', source: '004:628-641',
        questions: [
          q('sof_goals_needs', 'Familiens behov afdækkes i fællesskab med de involverede faggrupper.', 'The family\'s needs are mapped together with the professions involved.', '004:631, 004:640'),
          q('sof_goals_realistic', 'Konkrete handlinger og realistiske mål for barnet er forventningsafstemt med familien.', 'Concrete actions and realistic goals for the child are agreed with the family.', '004:640-641'),
          q('sof_goals_written', 'De aftalte mål er beskrevet og/eller skrevet ned.', 'The agreed goals are described and/or written down.', '004:641'),
        ],
      },
    ],
  },
];

/** The definition in force for a model (the newest version). */
export function currentDefinition(model: string): StatusMeasurementDefinition | null {
  const versions = definitions.filter((d) => d.model === model).sort((a, b) => b.version - a.version);
  return versions[0] ?? null;
}

/** A definition by model and version (old measurements keep theirs). */
export function definitionOf(model: string, version: number): StatusMeasurementDefinition | null {
  return definitions.find((d) => d.model === model && d.version === version) ?? null;
}
