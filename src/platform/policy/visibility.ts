import { z } from 'zod';

/**
 * The classification of case information (issue 5 item 2): who beyond staff with need-to-know may see a record.
 * A lattice of three audiences, each including the one before: internal ⊂ family ⊂ partners. Nothing is shared with
 * the partners taking part that the family cannot see, so 'partners' means "the family and the partners".
 * Migration 0013 stores it; docs/glossary.md ("Deles med") lists each table's default.
 */
export const visibilities = ['internal', 'family', 'partners'] as const;
export type Visibility = (typeof visibilities)[number];

/** Who looks: the family in the portal, or an external partner taking part. Staff see by need-to-know instead. */
export type Audience = 'family' | 'partners';

/** The classifications an audience may see. One list, so SQL filters and code cannot disagree. */
export const visibleTo: Record<Audience, readonly Visibility[]> = {
  family: ['family', 'partners'],
  partners: ['partners'],
};

/** Whether a record with this classification may be shown to the audience. */
export function isVisibleTo(audience: Audience, visibility: Visibility | string): boolean {
  return (visibleTo[audience] as readonly string[]).includes(visibility);
}

/** The API field staff set where they edit a record ("Deles med"). */
export const VisibilityField = z.enum(visibilities, { error: 'visibility_invalid: Choose internal, family or partners.' });
