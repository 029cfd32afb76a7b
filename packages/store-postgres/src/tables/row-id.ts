/** The row id a job id names, or undefined for a string no job of this store can have. */
export function rowId(jobId: string): number | undefined {
  return /^[1-9]\d{0,14}$/.test(jobId) ? Number(jobId) : undefined;
}
