/** A finding's `amount_nano` is what is at stake, so a difference is counted by its size. */
export function abs(nano: bigint): bigint {
  return nano < 0n ? -nano : nano;
}
