/**
 * What other modules read of proposals (the visitation committee decides on them): the proposal rows, their measures,
 * and the row lock a decision takes. Re-exports of repo.ts, so no other module imports the repository itself.
 */
export { lockProposal, measuresOfProposals, proposalRows } from './repo.js';
