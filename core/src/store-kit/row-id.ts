/**
 * The row id a job id names, or undefined for a string no job of a SQL store can have: a positive
 * decimal integer without leading zeros that a number holds exactly (row ids stay far below 2^53).
 */
export function rowId(jobId: string): number | undefined {
  if (!/^[1-9]\d{0,15}$/.test(jobId)) return undefined;
  const id = Number(jobId);
  return Number.isSafeInteger(id) ? id : undefined;
}
