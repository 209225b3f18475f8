/** The part of jStat (npm "jstat", no dependencies, no install scripts) the survey analysis uses. */
declare module 'jstat' {
  const jstat: {
    jStat: {
      studentt: { cdf(x: number, dof: number): number };
    };
  };
  export default jstat;
}
